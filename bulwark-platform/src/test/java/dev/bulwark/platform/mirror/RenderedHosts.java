package dev.bulwark.platform.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.ImageReference;
import dev.bulwark.render.DesiredObject;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every host a rendered object names: in URLs anywhere, and as the registry of an image reference
 * anywhere (a field's whole value, or a word inside a script or a configuration file).
 */
final class RenderedHosts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern URL_HOST =
      Pattern.compile("(?:https?|oci|git|ssh)://(?:[^@/\\s]+@)?([A-Za-z0-9.-]+(?::[0-9]+)?)");

  /** A word shaped like {@code host.tld[:port]/path:tag} or {@code ...@sha256:...}. */
  private static final Pattern IMAGE_WORD =
      Pattern.compile(
          "(?<![A-Za-z0-9./:-])([a-z0-9-]+(?:\\.[a-z0-9-]+)+(?::[0-9]+)?/[a-z0-9._/-]+"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?(?:@sha256:[a-f0-9]{64})?)");

  private RenderedHosts() {}

  /** The hosts of one object, each with where it was found. */
  static Map<String, String> of(DesiredObject object) {
    Map<String, String> hosts = new java.util.TreeMap<>();
    walk(JSON.valueToTree(object.object()), object.key().toString(), hosts);
    return hosts;
  }

  private static void walk(JsonNode node, String path, Map<String, String> hosts) {
    if (node.isTextual()) {
      collect(node.asText(), path, hosts);
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        walk(field.getValue(), path + "." + field.getKey(), hosts);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", hosts);
      }
    }
  }

  /** Hosts in one string; Helm values given as one string of YAML are read as text too. */
  static Set<String> hostsIn(String text) {
    Set<String> hosts = new TreeSet<>();
    Matcher url = URL_HOST.matcher(text);
    while (url.find()) {
      hosts.add(url.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    Matcher image = IMAGE_WORD.matcher(text);
    while (image.find()) {
      String word = image.group(1);
      boolean tagged = word.lastIndexOf(':') > word.lastIndexOf('/') || word.contains("@sha256:");
      if (tagged && ImageReference.parse(word).isPresent()) {
        hosts.add(word.substring(0, word.indexOf('/')));
      }
    }
    return hosts;
  }

  private static void collect(String text, String path, Map<String, String> hosts) {
    for (String host : hostsIn(text)) {
      hosts.putIfAbsent(host, path);
    }
  }
}
