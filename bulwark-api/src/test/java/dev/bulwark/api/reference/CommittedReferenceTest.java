package dev.bulwark.api.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.NotSupportedYet;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/reference/crds.md} is generated from the CRDs the build generates from the API types;
 * it must not drift from them. {@code -Dcrds.update=true} refreshes it together with the CRDs in
 * {@code deploy/crds/}.
 */
class CommittedReferenceTest {

  private static final Path PAGE = repoDir().resolve("docs/reference/crds.md");

  @Test
  void committedPageIsWhatTheTypesGenerate() throws IOException {
    String generated = CrdReference.markdown(kinds());
    if (Boolean.getBoolean("crds.update")) {
      Files.createDirectories(PAGE.getParent());
      Files.writeString(PAGE, generated);
    }
    String stale = PAGE + " is stale: run " + CrdReference.UPDATE_COMMAND + " and commit it";
    assertThat(PAGE).as(stale).exists();
    assertThat(Files.readString(PAGE)).as(stale).isEqualTo(generated);
  }

  @Test
  void aNotSupportedFieldIsMarkedWithItsReasonAndSoAreTheFieldsUnderIt()
      throws NoSuchFieldException {
    String page = CrdReference.markdown(kinds());
    assertThat(row(page, "Tenant", "spec.secrets"))
        .contains("**Not supported yet:** " + reason(TenantSpec.class, "secrets"));
    assertThat(row(page, "Tenant", "spec.secrets.name"))
        .contains("**Not supported yet:** see `spec.secrets`.");
    assertThat(row(page, "Platform", "spec.upgrade.channel")).doesNotContain("Not supported yet");
    assertThat(row(page, "Application", "spec.environments[].promotion"))
        .contains("auto")
        .doesNotContain("Not supported yet");
    assertThat(row(page, "Application", "spec.security.failOn"))
        .doesNotContain("Not supported yet");
    assertThat(row(page, "Application", "spec.environments[].name"))
        .doesNotContain("Not supported yet");
  }

  @Test
  void requiredDefaultsAndValidationComeFromTheSchema() {
    String page = CrdReference.markdown(kinds());

    assertThat(row(page, "Application", "spec.tenant"))
        .contains("| yes |")
        .contains("pattern `^[a-z0-9]");
    assertThat(row(page, "Application", "spec.database.instances"))
        .contains("| `1` |")
        .contains("minimum 1; maximum 9");
    assertThat(row(page, "Tenant", "spec.environments"))
        .contains("| array of object |")
        .contains("min items 1");
    assertThat(row(page, "Tenant", "spec.environments[].name")).contains("| yes |");
  }

  /** The row of {@code path} in the section of {@code kind}. */
  private static String row(String page, String kind, String path) {
    String section = page.substring(page.indexOf("\n## " + kind + "\n"));
    return section
        .lines()
        .filter(line -> line.startsWith("| `" + path + "` |"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + path + " in " + kind));
  }

  private static String reason(Class<?> type, String field) throws NoSuchFieldException {
    return type.getDeclaredField(field).getAnnotation(NotSupportedYet.class).value();
  }

  static List<CrdReference.Kind> kinds() {
    return List.of(
        new CrdReference.Kind(crd("platforms"), Platform.class),
        new CrdReference.Kind(crd("tenants"), Tenant.class),
        new CrdReference.Kind(crd("applications"), Application.class));
  }

  private static CustomResourceDefinition crd(String plural) {
    String resource = "/META-INF/fabric8/" + plural + ".bulwark.dev-v1.yml";
    try (InputStream in = CommittedReferenceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("generated CRD %s", resource).isNotNull();
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + resource, e);
    }
  }

  private static Path repoDir() {
    String configured = System.getProperty("bulwark.repo.dir");
    return configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
  }
}
