package dev.bulwark.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server (the JDK's, on virtual threads; ADR 0032): login and logout, static
 * files, and the pages, each served only to a logged-in session.
 */
public final class ConsoleServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final ConsoleConfig config;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Sessions sessions = new Sessions(Clock.systemUTC());
  private final OidcClient oidc;
  private final KubernetesClient service;
  private final UserClients users;
  private final Watched watched;
  private final Routes routes;

  private ConsoleServer(ConsoleConfig config) throws IOException {
    this.config = config;
    this.oidc = new OidcClient(config);
    this.service = new KubernetesClientBuilder().withConfig(config.cluster()).build();
    this.users = new UserClients(config.cluster(), config.usernamePrefix(), config.groupPrefix());
    this.watched = new Watched(service);
    Access access =
        new Access(service, config.usernamePrefix(), config.groupPrefix(), Clock.systemUTC());
    this.routes =
        new Routes(
            new ClusterView(watched, access),
            new Delivery(config.gitops(), config.groupPrefix(), service),
            new Operations(service),
            new PlatformScorecard(Clock.systemUTC()));
    // Without TCP_NODELAY a small page waits on Nagle and the browser's delayed ACK: about 40 ms
    // a page on loopback (BENCHMARKS.md). The JDK's server reads this once, at its first use in
    // the process; the console runs in its own process, so it is the console's setting.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    this.server =
        HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts a console; {@link #close()} stops it. */
  public static ConsoleServer start(ConsoleConfig config) throws IOException {
    ConsoleServer console = new ConsoleServer(config);
    console.server.start();
    LOG.info("console listening on {}, public URL {}", console.address(), config.publicUrl());
    return console;
  }

  /** Where the server listens (the port chosen when the configuration asked for 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.startsWith("/static/") && method.equals("GET")) {
        staticFile(exchange, path.substring("/static/".length()));
      } else if (path.equals("/login") && method.equals("GET")) {
        login(exchange);
      } else if (path.equals(ConsoleConfig.CALLBACK_PATH) && method.equals("GET")) {
        callback(exchange);
      } else {
        authenticated(exchange, path, method);
      }
    } catch (RuntimeException e) {
      LOG.error("console request {} failed", exchange.getRequestURI().getPath(), e);
      Exchanges.html(exchange, 500, "<!doctype html><title>Error</title><p>Internal error.</p>");
    }
  }

  private void authenticated(HttpExchange exchange, String path, String method) throws IOException {
    Optional<String> id = Exchanges.cookie(exchange, Sessions.COOKIE);
    Optional<Session> session = id.flatMap(sessions::find);
    if (session.isEmpty()) {
      // an expired session's impersonating client goes with it
      id.ifPresent(users::forget);
      if (method.equals("GET")) {
        Exchanges.redirect(exchange, "/login");
      } else {
        Exchanges.html(
            exchange, 401, "<!doctype html><title>Signed out</title><p>Sign in again.</p>");
      }
      return;
    }
    Map<String, String> form = method.equals("POST") ? Exchanges.form(exchange) : Map.of();
    if (method.equals("POST") && !Sessions.csrfMatches(session.get(), form.get("csrf"))) {
      Exchanges.html(
          exchange, 403, "<!doctype html><title>Refused</title><p>The form is stale; reload.</p>");
      return;
    }
    if (path.equals("/logout") && method.equals("POST")) {
      sessions.close(session.get().id());
      users.forget(session.get().id());
      Exchanges.setCookie(exchange, Sessions.COOKIE, "", config.secureCookies(), 0);
      Exchanges.html(
          exchange,
          200,
          "<!doctype html><html lang=\"en\"><title>Signed out</title><main><h1>Signed out</h1>"
              + "<p><a href=\"/login\">Sign in</a></p></main></html>");
      return;
    }
    routes.serve(exchange, path, method, form, session.get(), users.of(session.get()));
  }

  private void login(HttpExchange exchange) throws IOException {
    try {
      Exchanges.redirect(exchange, oidc.authorizationUri(sessions.startLogin()).toString());
    } catch (OidcClient.LoginFailed e) {
      Exchanges.html(exchange, 502, failure(e.getMessage()));
    }
  }

  private void callback(HttpExchange exchange) throws IOException {
    Map<String, String> query = Exchanges.query(exchange.getRequestURI());
    Optional<Sessions.PendingLogin> login = sessions.finishLogin(query.get("state"));
    if (login.isEmpty() || query.get("code") == null) {
      Exchanges.html(exchange, 400, failure("this login is unknown or expired; sign in again"));
      return;
    }
    try {
      OidcClient.Identity who = oidc.exchange(query.get("code"), login.get());
      Session session = sessions.open(who.user(), who.groups());
      LOG.info("{} signed in to the console (groups {})", who.user(), who.groups());
      Exchanges.setCookie(
          exchange,
          Sessions.COOKIE,
          session.id(),
          config.secureCookies(),
          Sessions.LIFETIME.toSeconds());
      Exchanges.redirect(exchange, "/");
    } catch (OidcClient.LoginFailed e) {
      LOG.warn("a console login failed: {}", e.getMessage());
      Exchanges.html(exchange, 401, failure(e.getMessage()));
    }
  }

  private static String failure(String message) {
    return "<!doctype html><html lang=\"en\"><title>Sign-in failed</title><main><h1>Sign-in"
        + " failed</h1><p>"
        + Html.text(message)
        + "</p><p><a href=\"/login\">Try again</a></p></main></html>";
  }

  private static void staticFile(HttpExchange exchange, String name) throws IOException {
    String type =
        switch (name) {
          case "console.css" -> "text/css; charset=utf-8";
          case "console.js" -> "text/javascript; charset=utf-8";
          default -> null;
        };
    InputStream in = type == null ? null : ConsoleServer.class.getResourceAsStream(name);
    if (in == null) {
      Exchanges.send(exchange, 404, "text/plain", "not found".getBytes());
      return;
    }
    try (in) {
      Exchanges.send(exchange, 200, type, in.readAllBytes());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    users.close();
    watched.close();
    service.close();
  }

  /** The redirect URI a test registers with its issuer. */
  URI redirectUri() {
    return config.redirectUri();
  }
}
