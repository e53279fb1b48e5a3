package dev.bulwark.platform.stack;

import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration of a service that has no Kubernetes API of its own (OpenBao, Harbor,
 * Elasticsearch): the desired configuration as files in a ConfigMap, and a Job that applies them
 * through the service's API with an idempotent script, on every Argo CD sync.
 *
 * <p>The Job's credentials come from Secrets by reference; the files hold no secret.
 */
public final class ConfigJob {

  /** Where the Job mounts the ConfigMap; scripts find it as {@code $CONFIG_DIR}. */
  static final String CONFIG_DIR = "/config";

  /** The Job's writable scratch directory (the root file system is read-only): {@code $TMPDIR}. */
  static final String TMP_DIR = "/tmp";

  /**
   * The projected ServiceAccount token, for Jobs that run as a ServiceAccount: {@code
   * $SERVICE_ACCOUNT_TOKEN}.
   */
  static final String TOKEN_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/token";

  private ConfigJob() {}

  /**
   * @param name the ConfigMap's and Job's name
   * @param image the pinned image that has the service's client (or curl)
   * @param script the shell script; it finds the files under /config
   * @param files the configuration files, by name
   * @param env environment of the script, Secret references included
   */
  public static List<HasMetadata> of(
      String name,
      String namespace,
      String image,
      String script,
      Map<String, String> files,
      List<EnvVar> env) {
    return of(name, namespace, image, script, files, env, null);
  }

  /**
   * As {@link #of(String, String, String, String, Map, List)}, running as {@code serviceAccount}
   * with its token mounted, for a service the Job logs in to with Kubernetes auth instead of a
   * stored credential; null runs without a token.
   */
  public static List<HasMetadata> of(
      String name,
      String namespace,
      String image,
      String script,
      Map<String, String> files,
      List<EnvVar> env,
      String serviceAccount) {
    // The scripts take their directories from the environment, so that tests can run them outside a
    // Pod.
    List<EnvVar> environment =
        new ArrayList<>(List.of(env("CONFIG_DIR", CONFIG_DIR), env("TMPDIR", TMP_DIR)));
    if (serviceAccount != null) {
      environment.add(env("SERVICE_ACCOUNT_TOKEN", TOKEN_FILE));
    }
    environment.addAll(env);
    Map<String, String> data = new TreeMap<>(files);
    data.put("apply.sh", script);
    ConfigMap config =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withData(data)
            .build();
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            // A hook Job runs again on every sync, so configuration drift is repaired; the previous
            // run is deleted first because a Job's template cannot change.
            .addToAnnotations("argocd.argoproj.io/hook", "Sync")
            .addToAnnotations("argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation")
            .addToAnnotations("bulwark.dev/config-hash", Names.hash(data.toString()))
            .endMetadata()
            .withSpec(jobSpec(name, image, environment, serviceAccount))
            .build();
    return List.of(
        CustomResource.withWave(config, SyncWave.CONFIGURATION),
        CustomResource.withWave(job, SyncWave.CONFIGURATION));
  }

  /**
   * The Job's run: the script under a restricted, read-only, non-root container, retried on
   * failure.
   */
  private static io.fabric8.kubernetes.api.model.batch.v1.JobSpec jobSpec(
      String name, String image, List<EnvVar> environment, String serviceAccount) {
    return new io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder()
        .withBackoffLimit(6)
        .withTtlSecondsAfterFinished(86400)
        .withNewTemplate()
        .withNewSpec()
        .withRestartPolicy("OnFailure")
        .withServiceAccountName(serviceAccount)
        .withAutomountServiceAccountToken(serviceAccount != null)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("apply")
        .withImage(image)
        .withCommand("/bin/sh", CONFIG_DIR + "/apply.sh")
        .withEnv(environment)
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m"))
        .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("32Mi"))
        .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("128Mi"))
        .endResources()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath(CONFIG_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath(TMP_DIR)
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName(name)
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .build();
  }

  /** An environment variable from a key of a Secret. */
  public static EnvVar secretEnv(String name, String secret, String key) {
    return new io.fabric8.kubernetes.api.model.EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  public static EnvVar env(String name, String value) {
    return new io.fabric8.kubernetes.api.model.EnvVarBuilder()
        .withName(name)
        .withValue(value)
        .build();
  }
}
