package dev.ec2migrator.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto's server (an independent implementation of EC2 and CloudFormation) on a free loopback port,
 * started from the test and stopped by its own process handle. AMI validation is on, so
 * RunInstances of an unknown image fails as on AWS (moto accepts any image id by default).
 */
final class MotoServer implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final String endpoint;

  private MotoServer(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static MotoServer start() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", "0").redirectErrorStream(true);
    builder.environment().put("MOTO_ENABLE_AMI_VALIDATION", "true");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          "moto_server is not on PATH (install it with: pip install 'moto[server]'): "
              + e.getMessage(),
          e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    // keep draining its log so that it never blocks on a full pipe
                    Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String found;
    try {
      found = port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      found = null;
    }
    if (found == null) {
      process.destroy();
      throw new AssertionError("moto_server did not say which port it listens on within 60 s");
    }
    return new MotoServer(process, "http://127.0.0.1:" + found);
  }

  String endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
