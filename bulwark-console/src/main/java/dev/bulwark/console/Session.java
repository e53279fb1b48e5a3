package dev.bulwark.console;

import java.time.Instant;
import java.util.List;

/**
 * A logged-in person: the user name and groups of their verified ID token, which the console
 * impersonates on the API server, and the token that every form they post must carry (CSRF).
 */
record Session(String id, String user, List<String> groups, String csrf, Instant expires) {

  Session {
    groups = List.copyOf(groups);
  }
}
