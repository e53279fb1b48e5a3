package dev.bulwark.catalog.charts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wg-policy report kinds ({@code wgpolicyk8s.io/v1alpha2} PolicyReport and
 * ClusterPolicyReport), in which the gate keeps its decisions and the audit its results. No chart
 * of their own is published; Kyverno's pinned chart carries them (in its {@code crds} subchart), so
 * the catalogue keeps them as data taken from that chart: {@code policy-report-crds.yaml}, written
 * by a test in bulwark-platform that fails when the pinned chart's copy differs.
 */
public final class PolicyReportCrds {

  public static final String RESOURCE = "/dev/bulwark/catalog/policy-report-crds.yaml";

  /** The chart that carries them, and where in its archive. */
  public static final String CHART = "kyverno";

  public static final String DIRECTORY = "charts/crds/templates/wgpolicyk8s.io";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private PolicyReportCrds() {}

  /** Both CustomResourceDefinitions, as the documents of {@link #yaml()}. */
  public static List<Map<String, Object>> documents() {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> read =
        YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(yaml())) {
      read.forEachRemaining(documents::add);
    } catch (IOException e) {
      // the catalogue's own data, checked by a test: unreadable is a build defect
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return documents;
  }

  /** Both CustomResourceDefinitions, as YAML documents. */
  public static String yaml() {
    try (InputStream in = PolicyReportCrds.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the catalogue lacks " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
