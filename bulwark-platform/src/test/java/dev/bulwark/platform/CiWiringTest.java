package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gitops.TreeLayout;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.UpstreamKustomization;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Tekton installs: every Application of a release-manifest component points at a directory of the
 * GitOps tree that exists and lists that component's pinned release, and nothing else in the tree
 * installs the release a second time.
 */
class CiWiringTest {

  private final DesiredState state = Profiles.state("full");

  @Test
  void everyManifestApplicationSyncsAKustomizationOfItsPinnedRelease() {
    SortedMap<String, String> tree = TreeLayout.files(state);
    int checked = 0;
    for (DesiredObject desired : state.objects()) {
      if (!desired.key().kind().equals("Application") || !desired.capability().equals("ci")) {
        continue;
      }
      Map<?, ?> source =
          (Map<?, ?>)
              ((Map<?, ?>)
                      ((GenericKubernetesResource) desired.object())
                          .getAdditionalProperties()
                          .get("spec"))
                  .get("source");
      String path = (String) source.get("path");
      String version = desired.object().getMetadata().getAnnotations().get("bulwark.dev/version");
      assertThat(path).isEqualTo("upstream/" + desired.object().getMetadata().getName());
      assertThat(tree).as("kustomization for %s", path).containsKey(path + "/kustomization.yaml");
      String kustomization = tree.get(path + "/kustomization.yaml");
      assertThat(kustomization)
          .contains("kind: Kustomization\n", "/" + version + "/release.yaml\n");
      checked++;
    }
    assertThat(checked).as("Tekton Pipelines, Triggers and Chains").isEqualTo(3);
    assertThat(tree.get("upstream/tekton-triggers/kustomization.yaml"))
        .as("Triggers' core interceptors come with it")
        .contains("/interceptors.yaml\n");
    assertThat(tree.get("kustomization.yaml"))
        .as("the root installs no release outside its Application")
        .doesNotContain("upstream");
    assertThat(tree.get("platform/ci/kustomization.yaml")).doesNotContain("kustomization-");
  }

  @Test
  void upstreamKustomizationsAreNotKubernetesObjects() {
    long kustomizations =
        state.objects().stream().filter(o -> UpstreamKustomization.is(o.object())).count();
    assertThat(kustomizations).isEqualTo(3);
    state.objects().stream()
        .filter(o -> UpstreamKustomization.is(o.object()))
        .forEach(
            o ->
                assertThat(UpstreamKustomization.resources(o.object()))
                    .allSatisfy(url -> assertThat(url).startsWith("https://")));
  }
}
