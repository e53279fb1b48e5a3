package dev.bulwark.policy.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The volume-types control names every volume source it does not allow, so that a volume which
 * names none (the API server defaults it to an emptyDir) passes; that list must be exactly the
 * sources of Kubernetes' core/v1 Volume other than the allowed ones, or a new source would slip
 * through. Checked against Kubernetes' own schema in ../shared (skipped where it is absent).
 */
class PssVolumeSourcesTest {

  private static final Set<String> ALLOWED =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "image",
          "persistentVolumeClaim",
          "projected",
          "secret");

  @Test
  void theOtherSourcesAreExactlyKubernetesVolumeSourcesThatAreNotAllowed() throws Exception {
    Optional<Path> swagger = SharedData.resolve("k8s-openapi/swagger.json");
    Needed.require(swagger.isPresent(), "Kubernetes' OpenAPI schema is not in ../shared");
    JsonNode volume =
        new ObjectMapper()
            .readTree(swagger.get().toFile())
            .at("/definitions/io.k8s.api.core.v1.Volume/properties");
    Set<String> schemaSources = new TreeSet<>();
    volume.fieldNames().forEachRemaining(schemaSources::add);
    schemaSources.remove("name");
    assertThat(schemaSources).containsAll(ALLOWED);
    schemaSources.removeAll(ALLOWED);

    Policy policy = PolicyLibrary.standard().policy("pss-volume-types").orElseThrow();
    String expression =
        policy.variables().stream()
            .filter(v -> v.name().equals("otherSources"))
            .findFirst()
            .orElseThrow()
            .expression();
    Set<String> listed = new TreeSet<>();
    Matcher quoted = Pattern.compile("'([A-Za-z]+)'").matcher(expression);
    while (quoted.find()) {
      listed.add(quoted.group(1));
    }
    assertThat(listed).isEqualTo(schemaSources);
    assertThat(policy.validations().get(0).expression() + policy.variables().get(1).expression())
        .as("the allowed sources the control tests")
        .contains(ALLOWED.stream().map(s -> "has(v." + s + ")").toList());
  }
}
