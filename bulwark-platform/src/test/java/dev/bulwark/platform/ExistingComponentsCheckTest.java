package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mode: existing} is accepted where Bulwark can adopt, and rejected clearly elsewhere. */
class ExistingComponentsCheckTest {

  private static final String HEAD =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata:
        name: p
      spec:
        domain: p.example.com
        profile: minimal
        components:
          certificates: {settings: {email: ops@example.com}}
      """;

  private static final String GITOPS =
      "    gitops: {mode: existing, namespace: argo, settings: {repoURL: https://git.example.com/g.git}}\n";

  @Test
  void adoptingArgoCdInItsNamespaceLoadsWithTheDefaultModeElsewhere() {
    LoadResult result = SpecLoader.loadStrings(Map.of("platform.yaml", HEAD + GITOPS));
    assertThat(result.errors()).as(result.report()).isEmpty();
    var components = result.spec().platform().getSpec().getComponents();
    assertThat(components.getGitops().getMode().name()).isEqualTo("EXISTING");
    assertThat(components.getGitops().getNamespace()).isEqualTo("argo");
  }

  @Test
  void aComponentBulwarkCannotAdoptIsAnErrorAtItsMode() {
    SpecError error =
        single(HEAD + GITOPS + "    dns: {mode: existing, settings: {provider: aws}}\n");
    assertThat(error.fieldPath()).isEqualTo("spec.components.dns.mode");
    assertThat(error.message()).contains("certificates, gitops, metrics, policy", "managed");
    assertThat(error.source()).isEqualTo("platform.yaml");
    assertThat(error.line()).isEqualTo(11);
  }

  @Test
  void aNamespaceWithoutModeExistingIsAnError() {
    SpecError error =
        single(
            HEAD
                + "    gitops: {namespace: argo, settings: {repoURL: https://git.example.com/g.git}}\n");
    assertThat(error.fieldPath()).isEqualTo("spec.components.gitops.namespace");
    assertThat(error.message()).contains("mode: existing");
  }

  @Test
  void helmValuesForAnAdoptedComponentAreAnError() {
    SpecError error =
        single(
            HEAD.replace("{settings:", "{mode: existing, values: {prometheus: {}}, settings:")
                + GITOPS);
    assertThat(error.fieldPath()).startsWith("spec.components.certificates.values");
    assertThat(error.message()).contains("does not install", "mode: managed");
  }

  @Test
  void anUnknownModeIsASchemaError() {
    LoadResult result =
        SpecLoader.loadStrings(
            Map.of("platform.yaml", HEAD + GITOPS.replace("mode: existing", "mode: adopted")));
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).fieldPath()).isEqualTo("spec.components.gitops.mode");
  }

  private static SpecError single(String platform) {
    LoadResult result = SpecLoader.loadStrings(Map.of("platform.yaml", platform));
    assertThat(result.errors()).as(result.ok() ? "no errors" : result.report()).hasSize(1);
    return result.errors().get(0);
  }
}
