package dev.bulwark.benchmarks.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.benchmarks.render.SyntheticSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the input of the {@code bulwark gate} benchmark into a folder: a spec (platform, tenant,
 * one application with {@code WAIVERS} waivers), a CycloneDX 1.6 SBOM of {@code COMPONENTS}
 * components and a Grype report of {@code FINDINGS} matches, all about one image digest, which it
 * prints. Seeded: the same arguments write the same files.
 *
 * <p>Usage: {@code GateInputs DIR [COMPONENTS FINDINGS WAIVERS]} (default 5000 2000 200).
 */
public final class GateInputs {

  static final String DIGEST = "sha256:" + "4b".repeat(32);
  private static final String[] LICENCES = {
    "Apache-2.0", "MIT", "BSD-3-Clause", "ISC", "MIT OR Apache-2.0"
  };
  private static final String[] SEVERITIES = {"Critical", "High", "Medium", "Low", "Negligible"};

  private final ObjectMapper json = new ObjectMapper();
  private final Random random = new Random(42);

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/gate-bench");
    int components = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int findings = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int waivers = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    new GateInputs().write(dir, components, findings, waivers);
    System.out.println(DIGEST);
  }

  void write(Path dir, int components, int findings, int waivers) throws IOException {
    Files.createDirectories(dir.resolve("spec"));
    Files.writeString(dir.resolve("spec/platform.yaml"), platform());
    Files.writeString(dir.resolve("spec/app.yaml"), application(waivers));
    json.writeValue(dir.resolve("sbom.json").toFile(), sbom(components));
    json.writeValue(dir.resolve("grype.json").toFile(), grype(findings, components));
  }

  private static String purl(int i) {
    return "pkg:maven/org.example.group" + (i % 97) + "/lib" + i + "@1." + (i % 13) + ".0";
  }

  private static String platform() {
    return SyntheticSpecs.PLATFORM
        + """
          licenses:
            allow: [Apache-2.0, MIT, BSD-3-Clause, ISC]
        ---
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: shop
        spec:
          environments:
            - name: dev
            - name: prod
        """;
  }

  /** Waivers for the first findings' vulnerabilities, half of them limited to their component. */
  private static String application(int waivers) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: bulwark.dev/v1alpha1
            kind: Application
            metadata:
              name: cart
            spec:
              tenant: shop
              image: harbor.example.com/shop/cart:1.0.0
              security:
                failOn: high
                waivers:
            """);
    for (int i = 0; i < waivers; i++) {
      yaml.append("      - id: CVE-2026-")
          .append(10000 + i)
          .append('\n')
          .append("        reason: benchmark waiver ")
          .append(i)
          .append('\n')
          .append("        owner: team-shop\n")
          .append("        expires: \"2999-12-31\"\n");
      if (i % 2 == 0) {
        yaml.append("        component: ")
            .append(purl(i).substring(0, purl(i).indexOf('@')))
            .append('\n');
      }
    }
    return yaml.toString();
  }

  private ObjectNode sbom(int count) {
    ObjectNode bom = json.createObjectNode();
    bom.put("bomFormat", "CycloneDX").put("specVersion", "1.6").put("version", 1);
    bom.putObject("metadata")
        .putObject("component")
        .put("type", "container")
        .put("name", "cart")
        .put("version", DIGEST);
    ArrayNode components = bom.putArray("components");
    for (int i = 0; i < count; i++) {
      ObjectNode c = components.addObject();
      c.put("type", "library")
          .put("name", "lib" + i)
          .put("version", "1." + (i % 13) + ".0")
          .put("purl", purl(i))
          .put("bom-ref", "c" + i);
      String licence = LICENCES[random.nextInt(LICENCES.length)];
      ObjectNode entry = c.putArray("licenses").addObject();
      if (licence.contains(" ")) {
        entry.put("expression", licence);
      } else {
        entry.putObject("license").put("id", licence);
      }
    }
    return bom;
  }

  private ObjectNode grype(int count, int components) {
    ObjectNode report = json.createObjectNode();
    ArrayNode matches = report.putArray("matches");
    for (int i = 0; i < count; i++) {
      int component = i % components;
      ObjectNode m = matches.addObject();
      ObjectNode vuln = m.putObject("vulnerability");
      vuln.put("id", "CVE-2026-" + (10000 + i));
      vuln.put("severity", SEVERITIES[random.nextInt(SEVERITIES.length)]);
      vuln.putObject("fix").putArray("versions").add("2.0.0");
      m.putArray("relatedVulnerabilities").addObject().put("id", "GHSA-" + Integer.toHexString(i));
      m.putObject("artifact")
          .put("name", "lib" + component)
          .put("version", "1." + (component % 13) + ".0")
          .put("purl", purl(component));
    }
    ObjectNode target = report.putObject("source").put("type", "image").putObject("target");
    target.put("userInput", "registry.bench.example.com/shop/cart:1");
    target.putArray("repoDigests").add("registry.bench.example.com/shop/cart@" + DIGEST);
    report.putObject("descriptor").put("name", "grype");
    return report;
  }
}
