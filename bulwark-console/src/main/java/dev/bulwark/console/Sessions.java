package dev.bulwark.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory: a restart logs everyone out, which is the price of keeping no
 * token anywhere but in this process. Session ids and CSRF tokens are 256 random bits.
 */
final class Sessions {

  static final String COOKIE = "bulwark-console";
  static final Duration LIFETIME = Duration.ofHours(8);
  static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

  /** A login under way: what the callback must see again (state, nonce) and the PKCE verifier. */
  record PendingLogin(String state, String nonce, String verifier, java.time.Instant expires) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, PendingLogin> logins = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  PendingLogin startLogin() {
    PendingLogin login =
        new PendingLogin(random(), random(), random(), clock.instant().plus(LOGIN_LIFETIME));
    logins.put(login.state(), login);
    return login;
  }

  /** The login {@code state} names, once: a replayed callback finds nothing. */
  Optional<PendingLogin> finishLogin(String state) {
    PendingLogin login = state == null ? null : logins.remove(state);
    return Optional.ofNullable(login).filter(l -> l.expires().isAfter(clock.instant()));
  }

  Session open(String user, List<String> groups) {
    Session session = new Session(random(), user, groups, random(), clock.instant().plus(LIFETIME));
    sessions.put(session.id(), session);
    return session;
  }

  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session != null && !session.expires().isAfter(clock.instant())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.ofNullable(session);
  }

  void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Whether a posted token is the session's, compared in constant time. */
  static boolean csrfMatches(Session session, String posted) {
    return posted != null
        && MessageDigest.isEqual(
            session.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            posted.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
