package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.testkit.schema.Schemas;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The hosts the platform's Gateway serves, read from the rendered objects, and TLS name rules. */
final class GatewayHosts {

  private GatewayHosts() {}

  /** Hostnames of the HTTPRoutes attached to the platform's Gateway, and of its listeners. */
  static Set<String> served(DesiredState state) {
    Set<String> hosts = new TreeSet<>();
    for (DesiredObject object : state.objects()) {
      JsonNode json = Schemas.toJson(object.object());
      String kind = json.path("kind").asText();
      if (kind.equals("HTTPRoute") && attached(json)) {
        json.at("/spec/hostnames").forEach(h -> hosts.add(h.asText()));
      }
      if (kind.equals("Gateway")) {
        json.at("/spec/listeners").findValues("hostname").forEach(h -> hosts.add(h.asText()));
      }
    }
    return hosts;
  }

  private static boolean attached(JsonNode route) {
    for (JsonNode parent : route.at("/spec/parentRefs")) {
      if (parent.path("kind").asText("Gateway").equals("Gateway")
          && parent.path("name").asText().equals(PlatformModel.GATEWAY_NAME)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a certificate with these DNS names is valid for {@code host}: a name equal to it, or a
   * wildcard standing for exactly its first label (RFC 6125 §6.4.3: {@code *.example.com} does not
   * match {@code a.b.example.com}).
   */
  static boolean covered(String host, List<String> names) {
    int dot = host.indexOf('.');
    String parent = dot > 0 ? host.substring(dot + 1) : null;
    return names.stream()
        .anyMatch(n -> n.equals(host) || (n.startsWith("*.") && n.substring(2).equals(parent)));
  }
}
