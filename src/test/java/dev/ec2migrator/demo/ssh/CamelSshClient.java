package dev.ec2migrator.demo.ssh;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/** A real camel-ssh producer pointed at the simulator, as the migrator uses it. */
final class CamelSshClient implements AutoCloseable {

  private final CamelContext camel = new DefaultCamelContext();
  private final ProducerTemplate template;
  private final int port;
  private final Path privateKey;

  CamelSshClient(SshHostSimulator simulator, Path privateKey) {
    this.port = simulator.port();
    this.privateKey = privateKey;
    camel.start();
    template = camel.createProducerTemplate();
  }

  SshReply exec(String host, String command) {
    return execUri(uri(host), command);
  }

  CompletableFuture<SshReply> execAsync(String host, String command) {
    return CompletableFuture.supplyAsync(() -> exec(host, command));
  }

  SshReply execUri(String uri, String command) {
    Exchange exchange = template.request(uri, e -> e.getMessage().setBody(command));
    if (exchange.getException() != null) {
      throw new ProducerFailed(exchange.getException());
    }
    var message = exchange.getMessage();
    return new SshReply(
        message.getBody(String.class),
        message.getHeader("CamelSshStderr", String.class),
        message.getHeader("CamelSshExitValue", Integer.class));
  }

  String uri(String host) {
    return "ssh:127.0.0.1:"
        + port
        + "?username="
        + host
        + "&certResource=file:"
        + privateKey
        + "&timeout=10000";
  }

  @Override
  public void close() {
    camel.stop();
  }

  /** The producer failed (authentication, host key, connection). */
  static final class ProducerFailed extends RuntimeException {
    ProducerFailed(Exception cause) {
      super(cause);
    }
  }
}
