package dev.bulwark.platform.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.platform.TestSpecs;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform's cosign public keys reach the namespace of Bulwark's webhook through a store of
 * their own that may read one OpenBao path (ADR 0040), and only when a namespace is bound to the
 * signature check.
 */
class SigningPublicKeysTest {

  private static final String NAMESPACE = "bulwark-system";
  private static final String NAME = "bulwark-signing-public-keys";

  private static List<HasMetadata> inWebhookNamespace(DesiredState state) {
    return state.objects().stream()
        .map(DesiredObject::object)
        .filter(o -> NAMESPACE.equals(o.getMetadata().getNamespace()))
        .toList();
  }

  private static JsonNode tree(List<HasMetadata> objects, String kind) {
    return Manifests.mapper()
        .valueToTree(objects.stream().filter(o -> o.getKind().equals(kind)).findFirst().get());
  }

  @Test
  void aBoundNamespaceBringsTheKeysIntoTheWebhooksNamespaceFromTheirOnePath() {
    DesiredState state = Renderer.standard().render(TestSpecs.profile("full"));
    assertThat(state.objects())
        .filteredOn(o -> o.object().getKind().equals("Namespace"))
        .filteredOn(o -> o.object().getMetadata().getName().equals("shop-prod"))
        .singleElement()
        .satisfies(
            ns ->
                assertThat(ns.object().getMetadata().getLabels())
                    .containsEntry("bulwark.dev/require-signature", "gate"));
    List<HasMetadata> objects = inWebhookNamespace(state);
    assertThat(objects)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "ServiceAccount/" + NAME, "SecretStore/" + NAME, "ExternalSecret/" + NAME);
    JsonNode secret = tree(objects, "ExternalSecret").path("spec");
    assertThat(secret.at("/secretStoreRef/kind").asText()).isEqualTo("SecretStore");
    assertThat(secret.at("/secretStoreRef/name").asText()).isEqualTo(NAME);
    assertThat(secret.at("/target/name").asText()).isEqualTo(NAME);
    assertThat(secret.at("/dataFrom/0/extract/key").asText())
        .isEqualTo("platform/ci/signing-public-keys");
    JsonNode login = tree(objects, "SecretStore").at("/spec/provider/vault/auth/kubernetes");
    assertThat(login.path("role").asText()).isEqualTo(NAME);
    assertThat(login.at("/serviceAccountRef/name").asText()).isEqualTo(NAME);

    Map<String, String> files = openBaoConfiguration(state);
    assertThat(files.get("role-" + NAME)).isEqualTo(NAMESPACE + "\n" + NAME + "\n");
    assertThat(files.get("policy-" + NAME + ".hcl"))
        .as("that one path and nothing else")
        .isEqualTo(
            "path \"secret/data/platform/ci/signing-public-keys\" {\n"
                + "  capabilities = [\"read\"]\n}\n");
  }

  @Test
  void withoutABoundNamespaceNothingReadsTheKeys() {
    DesiredState state = Renderer.standard().render(TestSpecs.profile("minimal"));
    assertThat(state.objects())
        .noneMatch(
            o ->
                o.object().getMetadata().getLabels() != null
                    && o.object()
                        .getMetadata()
                        .getLabels()
                        .containsKey("bulwark.dev/require-signature"));
    assertThat(inWebhookNamespace(state)).isEmpty();
  }

  private static Map<String, String> openBaoConfiguration(DesiredState state) {
    return state.objects().stream()
        .map(DesiredObject::object)
        .filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast)
        .filter(c -> c.getData() != null && c.getData().containsKey("role-bulwark-platform"))
        .findFirst()
        .orElseThrow()
        .getData();
  }
}
