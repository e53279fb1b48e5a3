package dev.bulwark.platform.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.platform.stack.ScriptRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Elasticsearch configuration script, run with a real shell against a fake {@code curl}. */
class ElasticsearchScriptTest {

  private static final String ES = "https://logs-es-http.bulwark-logging.svc:9200";

  private static ScriptRun elastic(Path dir) {
    return new ScriptRun(
            ElasticConfiguration.class, "elasticsearch-config.sh", dir, "curl", "sleep")
        .file("role-bulwark_logs_writer.json", "{}")
        .file("mapping-bulwark_logs_tenant_shop.json", "{}")
        .file("ilm-bulwark-logs-shop.json", "{}")
        .file("template-bulwark-logs-shop.json", "{}")
        .file("values.yaml", "not an API payload")
        .env("ES_URL", ES)
        .env("ES_PASSWORD", "elastic-password");
  }

  @Test
  void waitsForTheClusterThenPutsEveryFileUnderItsApi(@TempDir Path dir) {
    ScriptRun run = elastic(dir).once("curl * " + ES + "/_cluster/health*", 7, "");
    ScriptRun.Result result = run.run();

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    String put = "curl -fsS -u elastic:elastic-password -H Content-Type: application/json -X PUT ";
    assertThat(result.calls()).filteredOn(c -> c.startsWith("sleep")).hasSize(1);
    assertThat(result.calls())
        .filteredOn(c -> c.contains("-X PUT"))
        .containsExactly(
            put
                + ES
                + "/_security/role/bulwark_logs_writer -d @"
                + run.config().resolve("role-bulwark_logs_writer.json"),
            put
                + ES
                + "/_security/role_mapping/bulwark_logs_tenant_shop -d @"
                + run.config().resolve("mapping-bulwark_logs_tenant_shop.json"),
            put
                + ES
                + "/_ilm/policy/bulwark-logs-shop -d @"
                + run.config().resolve("ilm-bulwark-logs-shop.json"),
            put
                + ES
                + "/_index_template/bulwark-logs-shop -d @"
                + run.config().resolve("template-bulwark-logs-shop.json"));
    assertThat(result.stdout() + result.stderr()).doesNotContain("elastic-password");
  }

  @Test
  void failsWhenAPutFails(@TempDir Path dir) {
    ScriptRun.Result result = elastic(dir).always("curl * " + ES + "/_ilm/*", 22, "").run();

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.calls()).noneMatch(c -> c.contains("/_index_template/"));
  }
}
