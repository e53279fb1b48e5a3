package dev.bulwark.delivery;

import java.util.List;

/** Who asks for a promotion or approves one, as the cluster authenticated them. */
public record Actor(String name, List<String> groups) {

  public Actor {
    groups = List.copyOf(groups);
  }
}
