package dev.bulwark.platform.check;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.DistributionSpec;
import dev.bulwark.api.v1alpha1.DistributionSpec.LoadBalancer;
import dev.bulwark.api.v1alpha1.DistributionSpec.Name;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.Provider;
import dev.bulwark.platform.distribution.Distribution;
import dev.bulwark.spec.SpecCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code spec.distribution} against the rest of the platform: a managed distribution runs on its
 * own cloud only, and a workload identity must be one that distribution's identity webhook reads
 * (an IAM role ARN, a Google service account e-mail, a managed identity's client ID), so that a
 * role pasted into the wrong cluster fails here rather than as a silent 403 from the cloud.
 */
public final class DistributionCheck implements SpecCheck {

  private static final String FIELD = "spec.distribution.";

  /** What each managed distribution accepts as an identity, with the words for the error. */
  private static final Map<Name, Pattern> IDENTITY_FORMATS =
      Map.of(
          Name.EKS, Pattern.compile("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}$"),
          Name.GKE,
              Pattern.compile(
                  "^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\\.iam\\.gserviceaccount\\.com$"),
          Name.AKS,
              Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

  private static final Map<Name, String> IDENTITY_WORDS =
      Map.of(
          Name.EKS, "an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
          Name.GKE, "a Google service account e-mail (<name>@<project>.iam.gserviceaccount.com)",
          Name.AKS, "a managed identity's client ID (a lower-case UUID)");

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    PlatformSpec platform = spec.platform().getSpec();
    String name = spec.platform().getMetadata().getName();
    Distribution distribution = Distribution.of(platform);
    List<Finding> findings = new ArrayList<>();
    Provider cloud = Distribution.CLOUDS.get(distribution.name());
    if (cloud != null && platform.getProvider() != cloud) {
      findings.add(
          finding(
              name,
              "spec.provider",
              "distribution "
                  + word(distribution.name())
                  + " runs on "
                  + word(cloud)
                  + ": set spec.provider: "
                  + word(cloud)
                  + " (it is "
                  + word(platform.getProvider())
                  + ")"));
    }
    if (cloud == null && distribution.loadBalancer() == LoadBalancer.INTERNAL) {
      findings.add(
          finding(
              name,
              FIELD + "loadBalancer",
              "an internal load balancer is a setting of eks, gke and aks; "
                  + word(distribution.name())
                  + " has no annotation for it: remove the field, or expose the gateway privately through the cluster's own load balancer"));
    }
    identities(platform.getDistribution())
        .forEach(
            (field, value) -> checkIdentity(name, distribution.name(), field, value, findings));
    return findings;
  }

  private static void checkIdentity(
      String name, Name distribution, String field, String value, List<Finding> findings) {
    Pattern format = IDENTITY_FORMATS.get(distribution);
    if (format == null) {
      findings.add(
          finding(
              name,
              field,
              "workload identity is a feature of eks, gke and aks; "
                  + word(distribution)
                  + " has none Bulwark can bind: remove spec.distribution.workloadIdentity and give the component credentials in its settings"));
    } else if (!format.matcher(value).matches()) {
      findings.add(
          finding(
              name,
              field,
              "'"
                  + value
                  + "' is not "
                  + IDENTITY_WORDS.get(distribution)
                  + ", which "
                  + word(distribution)
                  + " needs"));
    }
  }

  /** The identities that are set, by their field path. */
  private static Map<String, String> identities(DistributionSpec spec) {
    Map<String, String> set = new LinkedHashMap<>();
    DistributionSpec.WorkloadIdentitySpec identities =
        spec == null ? null : spec.getWorkloadIdentity();
    if (identities != null) {
      String prefix = FIELD + "workloadIdentity.";
      putIfSet(set, prefix + "dns", identities.getDns());
      putIfSet(set, prefix + "certificates", identities.getCertificates());
      putIfSet(set, prefix + "backup", identities.getBackup());
    }
    return set;
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Finding finding(String name, String field, String message) {
    return new Finding("Platform", name, field, message);
  }

  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
