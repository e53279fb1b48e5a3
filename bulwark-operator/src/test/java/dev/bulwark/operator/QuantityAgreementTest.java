package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bulwark validate} and the API server agree on quantities: a tenant quota that validate
 * accepts is one a real API server takes in a ResourceQuota, and one it refuses is refused there
 * too. (Negative values are left out: they are quantities, which ResourceQuota refuses for being
 * negative, not for their form.)
 */
@RealApiServer
class QuantityAgreementTest {

  private static final AtomicInteger SERIAL = new AtomicInteger();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "2",
        "+2",
        "1.5",
        "1.",
        ".5",
        "00012",
        "500m",
        "100n",
        "3u",
        "2k",
        "4M",
        "8G",
        "1T",
        "1P",
        "1E",
        "1Ki",
        "1.5Gi",
        "1Ei",
        "1e3",
        "1E3",
        "1e+3",
        "1e-3",
        "1.G",
        "999999999999999999999",
        "1e999"
      })
  void bothAccept(String value, KubernetesClient admin) {
    assertThat(validate(value).ok()).as("validate accepts %s", value).isTrue();
    assertThat(apiServerRefusal(admin, value)).as("the API server accepts %s", value).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3", "1e1.5", "1e", "1e-", "1ki", "1K", "1mi", "1Ki5", "1m5", "1Ee5", "0x10", "1,5",
        "ten"
      })
  void bothRefuse(String value, KubernetesClient admin) {
    LoadResult result = validate(value);
    assertThat(result.ok()).as("validate refuses %s", value).isFalse();
    assertThat(result.report()).contains("spec.quota.cpu");
    assertThat(apiServerRefusal(admin, value)).as("the API server refuses %s", value).isNotNull();
  }

  /**
   * Texts the API server's parser takes (as zero) but the documented grammar does not: refused on
   * purpose.
   */
  @ParameterizedTest
  @ValueSource(strings = {".", "+", "Gi"})
  void validateIsStricterOnlyOnDegenerateTexts(String value, KubernetesClient admin) {
    assertThat(validate(value).ok()).as("validate refuses %s", value).isFalse();
    assertThat(apiServerRefusal(admin, value)).as("the API server takes %s", value).isNull();
  }

  private static LoadResult validate(String cpu) {
    String platform =
        "apiVersion: bulwark.dev/v1alpha1\nkind: Platform\nmetadata:\n  name: acme\nspec:\n"
            + "  domain: acme.example.com\n";
    String tenant =
        "apiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata:\n  name: web\nspec:\n"
            + "  environments:\n    - name: dev\n  quota:\n    cpu: \""
            + cpu
            + "\"\n";
    return SpecLoader.loadStrings(Map.of("platform.yaml", platform, "tenant.yaml", tenant));
  }

  /**
   * The API server's message when it refuses a ResourceQuota of {@code cpu}, or null when it stores
   * it.
   */
  private static String apiServerRefusal(KubernetesClient admin, String cpu) {
    String name = "q" + SERIAL.incrementAndGet();
    try {
      // a generic resource, so that the text reaches the API server exactly as written
      GenericKubernetesResource quota =
          new GenericKubernetesResourceBuilder()
              .withApiVersion("v1")
              .withKind("ResourceQuota")
              .withNewMetadata()
              .withName(name)
              .withNamespace("default")
              .endMetadata()
              .addToAdditionalProperties("spec", Map.of("hard", Map.of("cpu", cpu)))
              .build();
      admin
          .genericKubernetesResources("v1", "ResourceQuota")
          .inNamespace("default")
          .resource(quota)
          .create();
      admin.resourceQuotas().inNamespace("default").withName(name).delete();
      return null;
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as("a refusal, not a failure: %s", e.getMessage()).isIn(400, 422);
      return e.getMessage();
    }
  }
}
