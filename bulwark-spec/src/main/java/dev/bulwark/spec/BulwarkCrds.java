package dev.bulwark.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.spec.schema.Crd;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Bulwark's own CRDs, exactly as the build generated them from the API types (the classpath
 * resources {@code META-INF/fabric8/<plural>.bulwark.dev-v1.yml} of bulwark-api), so that a spec
 * file is validated by the same schema the apiserver will use for the custom resource.
 */
public final class BulwarkCrds {

  /** The apiVersion of every kind Bulwark reads. */
  public static final String API_VERSION = BulwarkLabels.GROUP + "/v1alpha1";

  /**
   * One kind Bulwark reads: its Java type and its CRD.
   *
   * @param kind the kind, such as {@code Tenant}
   * @param type the Java type a document of this kind binds to
   * @param crd the generated CRD
   */
  public record Kind(String kind, Class<? extends CustomResource<?, ?>> type, Crd crd) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("Platform", Platform.class, load("platforms")),
          new Kind("Tenant", Tenant.class, load("tenants")),
          new Kind("Application", Application.class, load("applications")));

  private BulwarkCrds() {}

  /** Platform, Tenant and Application, in that order. */
  public static List<Kind> kinds() {
    return KINDS;
  }

  /** The kind with this name, if Bulwark reads it. */
  public static Optional<Kind> kind(String kind) {
    return KINDS.stream().filter(k -> k.kind().equals(kind)).findFirst();
  }

  /** "Platform, Tenant or Application", for messages. */
  public static String kindNames() {
    return "Platform, Tenant or Application";
  }

  private static Crd load(String plural) {
    String resource = "META-INF/fabric8/" + plural + "." + BulwarkLabels.GROUP + "-v1.yml";
    try (InputStream in = BulwarkCrds.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the generated CRD " + resource + " is not on the classpath; build bulwark-api first");
      }
      JsonNode document = new YAMLMapper().readTree(in);
      return Crd.parse(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the generated CRD " + resource, e);
    }
  }
}
