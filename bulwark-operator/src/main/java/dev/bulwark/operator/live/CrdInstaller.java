package dev.bulwark.operator.live;

import dev.bulwark.catalog.charts.PolicyReportCrds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs CRDs by server-side apply and waits until the API server serves them: Bulwark's own
 * (generated from the API types and shipped in {@code bulwark-api}'s jar), or any CRD file.
 */
public final class CrdInstaller {

  /** The CRDs that bulwark-api's build generates, as classpath resources. */
  public static final List<String> BULWARK_CRDS =
      List.of(
          "META-INF/fabric8/platforms.bulwark.dev-v1.yml",
          "META-INF/fabric8/tenants.bulwark.dev-v1.yml",
          "META-INF/fabric8/applications.bulwark.dev-v1.yml");

  /** The names of Bulwark's CRDs. */
  public static final List<String> BULWARK_CRD_NAMES =
      List.of("platforms.bulwark.dev", "tenants.bulwark.dev", "applications.bulwark.dev");

  /**
   * The wg-policy report kinds, in which the gate keeps its decisions and the audit its results
   * (ADR 0050): Bulwark installs them with its own, from the catalogue's copy of the pinned Kyverno
   * chart's (the default Gatekeeper brings none; Kyverno, when chosen, takes them over as they
   * are).
   */
  public static final List<String> EVIDENCE_CRD_NAMES =
      List.of("policyreports.wgpolicyk8s.io", "clusterpolicyreports.wgpolicyk8s.io");

  private final KubernetesClient client;

  public CrdInstaller(KubernetesClient client) {
    this.client = client;
  }

  /** Applies Bulwark's three CRDs; returns their names. */
  public List<String> installBulwarkCrds() {
    return BULWARK_CRDS.stream().map(this::installResource).toList();
  }

  /** The report kinds of {@link #EVIDENCE_CRD_NAMES}, as the catalogue holds them. */
  public List<HasMetadata> evidenceCrds() {
    return client.load(evidenceYaml()).items();
  }

  /** Applies the report kinds; returns their names. */
  public List<String> installEvidenceCrds() {
    return install(evidenceYaml());
  }

  private static InputStream evidenceYaml() {
    return new ByteArrayInputStream(PolicyReportCrds.yaml().getBytes(StandardCharsets.UTF_8));
  }

  /** Applies every CRD in a YAML file (one or more documents); returns their names. */
  public List<String> installFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return install(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD file " + file, e);
    }
  }

  /** One of {@link #BULWARK_CRDS}, read from the classpath. */
  public HasMetadata read(String resource) {
    try (InputStream in = CrdInstaller.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "CRD " + resource + " is not on the classpath (is bulwark-api built?)");
      }
      return client.load(in).items().get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the API server serves the named CRDs. */
  public void awaitEstablished(List<String> names) {
    for (String name : names) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(
              CrdInstaller::established, Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private String installResource(String resource) {
    try (InputStream in = CrdInstaller.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "CRD " + resource + " is not on the classpath (is bulwark-api built?)");
      }
      return install(in).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> install(InputStream yaml) {
    List<HasMetadata> items = client.load(yaml).items();
    for (HasMetadata item : items) {
      if (!(item instanceof CustomResourceDefinition)) {
        throw new IllegalArgumentException(
            "not a CustomResourceDefinition: "
                + item.getKind()
                + " "
                + item.getMetadata().getName());
      }
      client.resource(item).fieldManager("bulwark").forceConflicts().serverSideApply();
    }
    List<String> names = items.stream().map(i -> i.getMetadata().getName()).toList();
    awaitEstablished(names);
    return names;
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
