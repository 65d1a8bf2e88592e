package dev.ec2migrator.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses with 403, on every path of the management server, a request whose {@code Host} does not
 * name this server or whose {@code Origin} is not the server's own.
 *
 * <p>The Host rule stops DNS rebinding: a web page on {@code attacker.example}, whose name is made
 * to resolve to 127.0.0.1 after the page loaded, is same-origin with this server in the browser's
 * eyes and could read the fleet's data; its requests still say {@code Host: attacker.example}. The
 * Origin rule stops cross-site requests a browser sends without asking first (a {@code text/plain}
 * POST needs no CORS preflight, so Jolokia would execute it before the browser hides the answer).
 * Clients that send no Origin (curl, scripts, JConsole's HTTP friends) are not affected.
 *
 * <p>Allowed Host values: the literal address the connection came in on, {@code localhost}, {@code
 * 127.0.0.1}, {@code [::1]} and the names of {@code migrator.management.allowed-hosts}, each with
 * the server's port (or without one when the port is the scheme's default).
 */
public final class HostOriginGuard implements AuthenticationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HostOriginGuard.class);
  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> names;
  private final Set<String> consoleOrigins;

  /**
   * @param extraNames host names (or addresses) allowed besides the loopback names, e.g. the
   *     machine's DNS name when the server is bound beyond loopback
   */
  public HostOriginGuard(List<String> extraNames) {
    this(extraNames, List.of());
  }

  /**
   * @param consoleOrigins exact origins ({@code http://host:port}) of consoles such as Hawtio whose
   *     server-side proxy passes its page's Origin and Referer on; their requests are accepted and
   *     reach Jolokia without those headers (Jolokia's strict CORS check is for browsers)
   */
  public HostOriginGuard(List<String> extraNames, List<String> consoleOrigins) {
    this.consoleOrigins =
        consoleOrigins.stream()
            .map(o -> o.strip().toLowerCase(Locale.ROOT))
            .filter(o -> !o.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    this.names =
        Stream.concat(LOOPBACK_NAMES.stream(), extraNames.stream())
            .map(n -> n.strip().toLowerCase(Locale.ROOT))
            .filter(n -> !n.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The comma-separated value of {@code migrator.management.allowed-hosts}. */
  public static HostOriginGuard of(String allowedHosts) {
    return of(allowedHosts, "");
  }

  /** With the comma-separated value of {@code migrator.management.allowed-origins} too. */
  public static HostOriginGuard of(String allowedHosts, String allowedOrigins) {
    return new HostOriginGuard(
        Arrays.asList(allowedHosts.split(",")), Arrays.asList(allowedOrigins.split(",")));
  }

  /**
   * Puts the guard in front of every path of the server this configuration belongs to. Camel adds
   * the entries of a server's {@link AuthenticationConfig} to its router before the server starts
   * listening: no request is ever answered without the guard. An operator's basic or JWT
   * authentication ({@code camel.management.authentication-enabled}) applies as well; a request
   * failing both gets 403 or 401, whichever handler Camel's path ordering puts first.
   */
  public void installOn(AuthenticationConfig config) {
    AuthenticationConfig.AuthenticationConfigEntry entry =
        new AuthenticationConfig.AuthenticationConfigEntry();
    entry.setPath("/*");
    entry.setAuthenticationProviderFactory(vertx -> null); // the guard authenticates no user
    HostOriginGuard guard = this;
    entry.setAuthenticationHandlerFactory(
        new AuthenticationConfig.AuthenticationHandlerFactory() {
          @Override
          public <T extends AuthenticationProvider>
              AuthenticationHandler createAuthenticationHandler(T provider) {
            return guard;
          }
        });
    config.getEntries().add(0, entry);
    config.setEnabled(true);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String refusal = refusal(request);
    if (refusal == null) {
      if (fromConsole(request)) {
        request.headers().remove(HttpHeaders.ORIGIN).remove(HttpHeaders.REFERER);
      }
      ctx.next();
      return;
    }
    LOG.debug("Refused {} {}: {}", request.method(), request.path(), refusal);
    ctx.response()
        .setStatusCode(403)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end("Forbidden: " + refusal + "\n");
  }

  /** Why the request is refused, or null when it may go on. Never quotes the request. */
  String refusal(HttpServerRequest request) {
    List<String> hosts = new ArrayList<>(request.headers().getAll(HttpHeaders.HOST));
    if (request.version() == HttpVersion.HTTP_2) {
      // an HTTP/2 request (curl --http2, the JDK client's h2c upgrade) names it in :authority
      hosts.add(authority(request.authority()));
    }
    SocketAddress local = request.localAddress();
    if (hosts.isEmpty()
        || hosts.stream().distinct().count() != 1
        || !isThisServer(hosts.get(0), local, request.scheme())) {
      return "the Host header does not name this server";
    }
    List<String> origins = request.headers().getAll(HttpHeaders.ORIGIN);
    if (origins.isEmpty()) {
      return null;
    }
    if (fromConsole(request)) {
      return null;
    }
    String prefix = request.scheme() + "://";
    String origin = origins.get(0);
    if (origins.size() != 1
        || !origin.regionMatches(true, 0, prefix, 0, prefix.length())
        || !isThisServer(origin.substring(prefix.length()), local, request.scheme())) {
      return "cross-origin requests are not accepted";
    }
    return null;
  }

  private boolean fromConsole(HttpServerRequest request) {
    List<String> origins = request.headers().getAll(HttpHeaders.ORIGIN);
    return origins.size() == 1 && consoleOrigins.contains(origins.get(0).toLowerCase(Locale.ROOT));
  }

  private static String authority(HostAndPort authority) {
    if (authority == null) {
      return "";
    }
    String host = authority.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return authority.port() < 0 ? host : host + ":" + authority.port();
  }

  /** Whether an authority ({@code name}, {@code name:port}, {@code [v6]:port}) names us. */
  private boolean isThisServer(String authority, SocketAddress local, String scheme) {
    String value = authority.strip().toLowerCase(Locale.ROOT);
    int colon = value.lastIndexOf(':');
    String name = value;
    String port = null;
    if (colon >= 0 && colon > value.lastIndexOf(']')) {
      name = value.substring(0, colon);
      port = value.substring(colon + 1);
    }
    int localPort = local == null ? -1 : local.port();
    boolean portMatches =
        port == null
            ? localPort == ("https".equals(scheme) ? 443 : 80)
            : port.equals(String.valueOf(localPort));
    return portMatches && (names.contains(name) || name.equals(literal(local)));
  }

  /** The address the connection came in on as a Host header writes it ({@code [v6]} bracketed). */
  private static String literal(SocketAddress local) {
    if (local == null || local.hostAddress() == null) {
      return "";
    }
    String address = local.hostAddress().toLowerCase(Locale.ROOT);
    return address.contains(":") ? "[" + address + "]" : address;
  }
}
