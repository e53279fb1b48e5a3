package dev.bulwark.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.yaml.LocatedYaml;
import dev.bulwark.yaml.Location;
import dev.bulwark.yaml.YamlDocument;
import dev.bulwark.yaml.YamlSyntaxException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exemptions granted in a reviewed file: each names a policy and the objects it covers, an owner
 * who answers for it and the last day it is valid. An expired entry no longer exempts anything and
 * is itself reported as a violation, so that exemptions cannot quietly outlive their reason.
 *
 * <pre>
 * exemptions:
 *   - policy: platform-image-registry
 *     namespace: team-a-dev      # optional; omitted means every namespace
 *     kind: Deployment           # optional
 *     name: legacy-billing       # optional
 *     owner: alice@example.com
 *     expires: 2027-03-31        # valid through this day
 *     reason: vendor image, mirrored to the platform registry by Q1
 * </pre>
 */
public record ExemptionFile(List<Entry> entries) {

  /** One granted exemption, with where it is written. */
  public record Entry(
      String policy,
      String namespace,
      String kind,
      String name,
      String owner,
      LocalDate expires,
      String reason,
      Location location) {

    public boolean covers(
        String policyId, String objectKind, String objectNamespace, String objectName) {
      return policy.equals(policyId)
          && (namespace == null || namespace.equals(objectNamespace))
          && (kind == null || kind.equals(objectKind))
          && (name == null || name.equals(objectName));
    }

    public boolean expired(LocalDate today) {
      return today.isAfter(expires);
    }

    public Exemption exemption() {
      return new Exemption(location.toString(), reason, owner, expires);
    }

    /** What the entry covers, as people say it. */
    public String target() {
      return policy
          + " for "
          + (kind == null ? "any kind" : kind)
          + " "
          + (namespace == null ? "in any namespace" : "in " + namespace)
          + (name == null ? "" : " named " + name);
    }
  }

  public static final ExemptionFile NONE = new ExemptionFile(List.of());

  public ExemptionFile {
    entries = List.copyOf(entries);
  }

  /** The valid (unexpired) entry that covers a finding on an object, if any. */
  public Optional<Entry> find(String policyId, JsonNode object, LocalDate today) {
    String kind = object.path("kind").asText("");
    String namespace = object.path("metadata").path("namespace").asText("");
    String name = object.path("metadata").path("name").asText("");
    return entries.stream()
        .filter(e -> !e.expired(today) && e.covers(policyId, kind, namespace, name))
        .findFirst();
  }

  public List<Entry> expired(LocalDate today) {
    return entries.stream().filter(e -> e.expired(today)).toList();
  }

  /** Reads and checks an exemption file; every mistake names the line and field. */
  public static ExemptionFile read(Path file) throws InvalidExemptionsException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), reader);
    } catch (IOException e) {
      throw new InvalidExemptionsException(
          file + ": cannot read exemption file: " + e.getMessage());
    }
  }

  public static ExemptionFile read(String source, Reader reader) throws InvalidExemptionsException {
    List<YamlDocument> documents;
    try {
      documents = LocatedYaml.read(source, reader);
    } catch (YamlSyntaxException e) {
      throw new InvalidExemptionsException(e.getMessage());
    }
    List<Entry> entries = new ArrayList<>();
    for (YamlDocument doc : documents) {
      JsonNode list = doc.content().path("exemptions");
      if (!list.isArray()) {
        throw new InvalidExemptionsException(
            doc.start() + ": field exemptions: expected a list of exemptions");
      }
      for (int i = 0; i < list.size(); i++) {
        entries.add(entry(doc, "/exemptions/" + i, list.get(i)));
      }
    }
    return new ExemptionFile(entries);
  }

  private static Entry entry(YamlDocument doc, String pointer, JsonNode node)
      throws InvalidExemptionsException {
    String expires = required(doc, pointer, node, "expires");
    LocalDate date;
    try {
      date = LocalDate.parse(expires);
    } catch (DateTimeParseException e) {
      throw new InvalidExemptionsException(
          doc.locate(pointer + "/expires")
              + ": field "
              + pointer.substring(1).replace('/', '.')
              + ".expires: expected a date YYYY-MM-DD, got '"
              + expires
              + "'");
    }
    return new Entry(
        required(doc, pointer, node, "policy"),
        optional(node, "namespace"),
        optional(node, "kind"),
        optional(node, "name"),
        required(doc, pointer, node, "owner"),
        date,
        required(doc, pointer, node, "reason"),
        doc.locate(pointer));
  }

  private static String required(YamlDocument doc, String pointer, JsonNode node, String field)
      throws InvalidExemptionsException {
    JsonNode value = node.path(field);
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw new InvalidExemptionsException(
          doc.locate(pointer)
              + ": field "
              + pointer.substring(1).replace('/', '.')
              + "."
              + field
              + ": expected a non-empty value; every exemption needs a policy, an owner, an expiry date and a reason");
    }
    return value.asText().trim();
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.asText().isBlank() ? value.asText().trim() : null;
  }

  /** The exemption file is malformed. */
  public static final class InvalidExemptionsException extends Exception {
    public InvalidExemptionsException(String message) {
      super(message);
    }
  }
}
