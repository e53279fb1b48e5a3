package dev.bulwark.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.platform.stack.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Harbor's configuration script, run with a real shell against a fake {@code curl}. */
class HarborScriptTest {

  private static final String HARBOR = "http://harbor-core.harbor.svc";
  private static final String BAO = "http://openbao.openbao.svc:8200";
  private static final String ROBOT =
      "{\"name\": \"robot$shop+pipeline\", \"secret\": \"robot-secret-value\"}";

  private static ScriptRun harbor(Path dir) {
    return new ScriptRun(RegistryUnit.class, "harbor-config.sh", dir, "curl")
        .file("configurations.json", "{\n  \"auth_mode\" : \"oidc_auth\"\n}")
        // the project (the tenant's registry scope) is named apart from its tenant
        .file("projects", "shop secret/data/tenants/retail/registry 30 retail\n")
        .file("project.json", "{\"project_name\": \"@PROJECT@\"}")
        .file(
            "retention.json",
            "{\n  \"params\" : {\n    \"nDaysSinceLastPush\" : \"@DAYS@\"\n  },\n"
                + "  \"scope\" : {\n    \"ref\" : \"@PROJECT_ID@\"\n  }\n}\n")
        .file(
            "robot.json",
            "{\"description\": \"Pipelines of tenant @TENANT@\", \"namespace\": \"@PROJECT@\"}")
        .env("HARBOR_URL", HARBOR)
        .env("HARBOR_PASSWORD", "admin-password")
        .env("OIDC_CLIENT_SECRET", "oidc-secret")
        .env("BAO_ADDR", BAO)
        .env("BAO_ROLE", "bulwark-harbor")
        .env("BAO_LOGIN_PATH", "auth/kubernetes/login")
        .always(
            "curl * " + HARBOR + "/api/v2.0/projects/shop",
            0,
            "{\"project_id\": 7, \"name\": \"shop\"}")
        .always(
            "curl * " + BAO + "/v1/auth/kubernetes/login *",
            0,
            "{\"auth\": {\"client_token\": \"s.harbor\"}}");
  }

  @Test
  void createsTheProjectAndStoresTheRobotInTheTenantsPathOnce(@TempDir Path dir) throws Exception {
    ScriptRun run = harbor(dir).once("curl * " + HARBOR + "/api/v2.0/robots *", 0, ROBOT);
    ScriptRun.Result first = run.run();

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.calls())
        .containsSubsequence(
            "curl -fsS -u admin:admin-password -H Content-Type: application/json -X PUT "
                + HARBOR
                + "/api/v2.0/configurations -d @"
                + run.tmp().resolve("conf.json"),
            "curl -fsS -u admin:admin-password -H Content-Type: application/json -X POST "
                + HARBOR
                + "/api/v2.0/projects -d @"
                + run.tmp().resolve("project.json"),
            "curl -fsS -u admin:admin-password -H Content-Type: application/json -X POST "
                + HARBOR
                + "/api/v2.0/retentions -d @"
                + run.tmp().resolve("retention.json"),
            "curl -fsS -X POST "
                + BAO
                + "/v1/auth/kubernetes/login -d {\"role\": \"bulwark-harbor\", \"jwt\": \"service-account-jwt\"}",
            "curl -fsS -H X-Vault-Token: s.harbor -X POST "
                + BAO
                + "/v1/secret/data/tenants/retail/registry -d {\"data\": "
                + ROBOT
                + "}");
    // The OIDC secret joins the settings only in the scratch copy; the project's payloads are its
    // templates filled in: its name, its tenant, its retention and the id Harbor gave it.
    assertThat(Files.readString(run.tmp().resolve("conf.json")))
        .contains("\"oidc_client_secret\": \"oidc-secret\"}");
    assertThat(Files.readString(run.tmp().resolve("project.json")).strip())
        .isEqualTo("{\"project_name\": \"shop\"}");
    assertThat(Files.readString(run.tmp().resolve("retention.json")))
        .contains("\"nDaysSinceLastPush\" : 30\n")
        .contains("\"ref\" : 7\n");
    assertThat(Files.readString(run.tmp().resolve("robot.json")).strip())
        .isEqualTo("{\"description\": \"Pipelines of tenant retail\", \"namespace\": \"shop\"}");
    assertThat(run.tmp().resolve("robot-secret.json")).doesNotExist();
    assertThat(first.stdout() + first.stderr()).doesNotContain("robot-secret-value");

    // Again: the project exists (409) and the robot too; nothing is written to OpenBao.
    ScriptRun.Result again =
        harbor(dir.resolve("again"))
            .always("curl * -X POST " + HARBOR + "/api/v2.0/projects *", 22, "")
            .always("curl * -X POST " + HARBOR + "/api/v2.0/robots *", 22, "")
            .run();
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.calls()).noneMatch(c -> c.contains(BAO));
  }

  @Test
  void withoutOpenBaoTheRobotIsNotStored(@TempDir Path dir) {
    ScriptRun.Result result =
        harbor(dir).env("BAO_ROLE", "").always("curl * /api/v2.0/robots *", 0, ROBOT).run();

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.calls()).noneMatch(c -> c.contains(BAO));
  }

  @Test
  void failsWhenHarborRejectsTheSettings(@TempDir Path dir) {
    ScriptRun.Result result = harbor(dir).always("curl * -X PUT *", 22, "").run();

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.calls()).hasSize(1);
  }
}
