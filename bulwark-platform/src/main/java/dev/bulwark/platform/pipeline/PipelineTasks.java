package dev.bulwark.platform.pipeline;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.policy.signature.CosignVerifier;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The Tasks of a tenant's pipelines, one shared set per CI namespace: clone, test, build-push and
 * promote. Each step takes its inputs as environment variables, never as text substituted into its
 * script, so that a branch name or a test command cannot rewrite the script around it.
 *
 * <p>Every step but the build runs as the non-root user 65532 without capabilities (what restricted
 * Pod Security asks); the build runs Buildah as root inside its container with the runtime's
 * default capabilities and no privilege, which baseline allows (ADR 0023).
 */
final class PipelineTasks {

  static final String CLONE = "bulwark-clone";
  static final String TEST = "bulwark-test";
  static final String BUILD_PUSH = "bulwark-build-push";
  static final String PROMOTE = "bulwark-promote";
  static final String SIGN = "bulwark-sign";

  /** The catalogue's name for the cosign image of the sign stage. */
  static final String COSIGN_IMAGE = "cosign";

  /** The Secret with the platform's cosign key pair and its password, from OpenBao (ADR 0040). */
  static final String SIGNING_KEY_SECRET = "bulwark-signing-key";

  /** The predicate type of the gate decision's attestation (ADR 0040). */
  static final String GATE_PREDICATE_TYPE = CosignVerifier.GATE_PREDICATE_TYPE;

  /** The catalogue's name for the git image of the clone stage (under tekton-pipelines). */
  static final String GIT_IMAGE = "git";

  /** The catalogue's name for the Buildah image of the build-push stage. */
  static final String BUILDAH_IMAGE = "buildah";

  /**
   * The catalogue's name for the Bulwark CLI image the promote stage runs {@code bulwark promote}
   * in: the one name of that image.
   */
  static final String BULWARK_CLI_IMAGE = "bulwark-cli";

  /** The non-root user of every step but the build (the sample application's user, too). */
  static final long NON_ROOT_USER = 65532L;

  /** The writable home of the steps (their root file systems are the images'). */
  static final String HOME = "/home/pipeline";

  private static final String CLONE_SCRIPT = Scripts.load(PipelineTasks.class, "git-clone.sh");
  private static final String TEST_SCRIPT = Scripts.load(PipelineTasks.class, "run-tests.sh");
  private static final String BUILD_SCRIPT = Scripts.load(PipelineTasks.class, "build-push.sh");
  private static final String SIGN_SCRIPT = Scripts.load(PipelineTasks.class, "sign.sh");

  private PipelineTasks() {}

  /** The Tasks in the tenant's CI namespace. */
  static List<HasMetadata> tasks(Component ci, String namespace) {
    String pipelines = "tekton-pipelines";
    return List.of(
        task(
            CLONE,
            namespace,
            "Clones one commit of the application's repository into the source workspace.",
            List.of(param("repo-url"), param("revision")),
            List.of(workspace("source")),
            List.of(result("commit")),
            step(
                "clone",
                ci.install(pipelines).image(GIT_IMAGE).reference(),
                CLONE_SCRIPT,
                env(
                    "REPO_URL", "$(params.repo-url)",
                    "REVISION", "$(params.revision)",
                    "SOURCE_DIR", "$(workspaces.source.path)",
                    "COMMIT_RESULT", "$(results.commit.path)"),
                restricted())),
        task(
            TEST,
            namespace,
            "Runs the application's test command in its build context.",
            List.of(param("image"), param("context"), param("command")),
            List.of(workspace("source")),
            List.of(),
            step(
                "test",
                "$(params.image)",
                TEST_SCRIPT,
                env(
                    "SOURCE_DIR", "$(workspaces.source.path)",
                    "CONTEXT", "$(params.context)",
                    "TEST_COMMAND", "$(params.command)"),
                restricted())),
        task(
            BUILD_PUSH,
            namespace,
            "Builds the Dockerfile with Buildah and pushes the image with the tenant's robot account;"
                + " its results are the pushed digest and image@digest.",
            List.of(param("image"), param("context"), param("dockerfile")),
            List.of(workspace("source"), workspace("registry-credentials")),
            List.of(result("digest"), result("image")),
            step(
                "build-push",
                ci.install(pipelines).image(BUILDAH_IMAGE).reference(),
                BUILD_SCRIPT,
                env(
                    "SOURCE_DIR", "$(workspaces.source.path)",
                    "CONTEXT", "$(params.context)",
                    "DOCKERFILE", "$(params.dockerfile)",
                    "IMAGE", "$(params.image)",
                    "REGISTRY_AUTH_FILE",
                        "$(workspaces.registry-credentials.path)/.dockerconfigjson",
                    "DIGEST_RESULT", "$(results.digest.path)",
                    "IMAGE_RESULT", "$(results.image.path)"),
                rootInContainer())),
        sign(ci.install(pipelines).image(COSIGN_IMAGE).reference(), namespace),
        promote(ci.install(pipelines).image(BULWARK_CLI_IMAGE).reference(), namespace));
  }

  /**
   * The sign stage: cosign signs the pushed image@digest and attests its SBOM and gate decision
   * with the platform's key (ADR 0040).
   */
  private static HasMetadata sign(String cosignImage, String namespace) {
    return task(
        SIGN,
        namespace,
        "Signs the pushed image by digest with the platform's key and attests its SBOM and gate"
            + " decision.",
        List.of(param("image"), param("sbom"), param("decision")),
        List.of(workspace("reports"), workspace("registry-credentials"), workspace("signing-key")),
        List.of(),
        step(
            "sign",
            cosignImage,
            SIGN_SCRIPT,
            env(
                "IMAGE", "$(params.image)",
                "REPORTS_DIR", "$(workspaces.reports.path)",
                "SBOM", "$(params.sbom)",
                "DECISION", "$(params.decision)",
                "DECISION_TYPE", GATE_PREDICATE_TYPE,
                "KEY_DIR", "$(workspaces.signing-key.path)",
                "REGISTRY_AUTH_FILE", "$(workspaces.registry-credentials.path)/.dockerconfigjson"),
            restricted()));
  }

  /** The promote stage: {@code bulwark promote} in the Bulwark CLI image, with no shell. */
  private static HasMetadata promote(String cliImage, String namespace) {
    return task(
        PROMOTE,
        namespace,
        "Promotes the pushed digest to the application's first environment with bulwark promote.",
        List.of(param("application"), param("environment"), param("digest")),
        List.of(),
        List.of(),
        Values.map(
            "name",
            "promote",
            "image",
            cliImage,
            // No shell: the arguments go to the CLI as they are.
            "command",
            List.of("bulwark"),
            "args",
            promoteArgs("$(params.application)", "$(params.environment)", "$(params.digest)"),
            "env",
            env("HOME", HOME),
            "volumeMounts",
            List.of(Values.map("name", "home", "mountPath", HOME)),
            "securityContext",
            restricted()));
  }

  /** The command line of the promote stage, after {@code bulwark}. */
  static List<String> promoteArgs(String application, String environment, String digest) {
    return List.of("promote", application, "--to", environment, "--digest", digest);
  }

  private static HasMetadata task(
      String name,
      String namespace,
      String description,
      List<Map<String, Object>> params,
      List<Map<String, Object>> workspaces,
      List<Map<String, Object>> results,
      Map<String, Object> step) {
    return task(
        name, namespace, description, params, workspaces, results, List.of(step), List.of());
  }

  /** A Task of several steps, with volumes beside the steps' writable home. */
  static HasMetadata task(
      String name,
      String namespace,
      String description,
      List<Map<String, Object>> params,
      List<Map<String, Object>> workspaces,
      List<Map<String, Object>> results,
      List<Map<String, Object>> steps,
      List<Map<String, Object>> volumes) {
    List<Map<String, Object>> allVolumes = new java.util.ArrayList<>();
    allVolumes.add(Values.map("name", "home", "emptyDir", Map.of()));
    allVolumes.addAll(volumes);
    Map<String, Object> spec =
        Values.map(
            "description", description, "params", params, "steps", steps, "volumes", allVolumes);
    if (!workspaces.isEmpty()) {
      spec.put("workspaces", workspaces);
    }
    if (!results.isEmpty()) {
      spec.put("results", results);
    }
    return CustomResource.of("tekton.dev/v1", "Task")
        .name(name)
        .namespace(namespace)
        .labels(Ownership.platform())
        .wave(SyncWave.TENANTS)
        .spec(spec)
        .build();
  }

  static Map<String, Object> step(
      String name,
      String image,
      String script,
      List<Map<String, Object>> env,
      Map<String, Object> securityContext) {
    List<Map<String, Object>> environment = new java.util.ArrayList<>(env);
    environment.add(Values.map("name", "HOME", "value", HOME));
    environment.add(Values.map("name", "TMPDIR", "value", HOME));
    return Values.map(
        "name",
        name,
        "image",
        image,
        "script",
        script,
        "env",
        environment,
        "volumeMounts",
        new java.util.ArrayList<>(List.of(Values.map("name", "home", "mountPath", HOME))),
        "securityContext",
        securityContext);
  }

  /** What restricted Pod Security asks of a container. */
  static Map<String, Object> restricted() {
    return Values.map(
        "runAsNonRoot",
        true,
        "runAsUser",
        NON_ROOT_USER,
        "allowPrivilegeEscalation",
        false,
        "capabilities",
        Values.map("drop", List.of("ALL")),
        "seccompProfile",
        Values.map("type", "RuntimeDefault"));
  }

  /**
   * Buildah's build container: root inside it (to own the image's files and switch users in RUN
   * steps) with the runtime's default capabilities, nothing added, no privilege and the runtime's
   * seccomp profile: what baseline Pod Security allows.
   */
  private static Map<String, Object> rootInContainer() {
    return Values.map(
        "runAsUser",
        0L,
        "privileged",
        false,
        "seccompProfile",
        Values.map("type", "RuntimeDefault"));
  }

  static List<Map<String, Object>> env(String... namesAndValues) {
    List<Map<String, Object>> env = new java.util.ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.add(Values.map("name", namesAndValues[i], "value", namesAndValues[i + 1]));
    }
    return env;
  }

  static Map<String, Object> param(String name) {
    return Values.map("name", name, "type", "string");
  }

  static Map<String, Object> workspace(String name) {
    return Values.map("name", name);
  }

  static Map<String, Object> result(String name) {
    return Values.map("name", name, "type", "string");
  }
}
