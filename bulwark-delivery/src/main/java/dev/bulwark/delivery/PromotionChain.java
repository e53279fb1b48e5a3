package dev.bulwark.delivery;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec.Promotion;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An application's environments in promotion order, each with how a release reaches it, defaults
 * resolved once: the first environment has no promotion (a release starts there); an unset mode is
 * {@code manual} on the last of several environments, which is where production usually sits, and
 * {@code auto} on the ones between.
 */
public record PromotionChain(List<Stage> stages) {

  /**
   * One environment and how a release reaches it; {@code mode} is empty for the first. {@code dast}
   * is present when a release into it needs a passed DAST scan of the environment before it (ADR
   * 0050), and names what the scan targets.
   */
  public record Stage(String environment, Optional<Promotion> mode, Optional<DastScan> dast) {

    public Stage(String environment, Optional<Promotion> mode) {
      this(environment, mode, Optional.empty());
    }
  }

  /**
   * The DAST scan a release into an environment waits for: of the environment before it, at {@code
   * target} (the application's {@code security.dastTarget}, or its first host in that environment);
   * empty when the spec names nothing to scan, which the spec check rejects.
   */
  public record DastScan(Optional<String> target) {}

  public PromotionChain {
    stages = List.copyOf(stages);
  }

  /** The chain of {@code app}: its environments, or its tenant's when it lists none. */
  public static PromotionChain of(Application app, Tenant tenant) {
    List<AppEnvironmentSpec> listed = app.getSpec().getEnvironments();
    List<String> names =
        listed == null || listed.isEmpty()
            ? tenant.getSpec().getEnvironments().stream().map(EnvironmentSpec::getName).toList()
            : listed.stream().map(AppEnvironmentSpec::getName).toList();
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Promotion given = listed == null || listed.isEmpty() ? null : listed.get(i).getPromotion();
      stages.add(
          i == 0
              ? new Stage(names.get(i), Optional.empty())
              : new Stage(
                  names.get(i),
                  Optional.of(mode(given, i, names.size())),
                  dast(app, names.get(i), names.get(i - 1))));
    }
    return new PromotionChain(stages);
  }

  /** The scan a release into {@code environment} waits for, when the spec requires one. */
  private static Optional<DastScan> dast(Application app, String environment, String from) {
    SecuritySpec security = app.getSpec().getSecurity();
    if (security == null || !security.requiresDast(environment)) {
      return Optional.empty();
    }
    return Optional.of(new DastScan(dastTarget(app, from)));
  }

  /**
   * The URL a DAST scan of {@code environment} targets: the application's {@code
   * security.dastTarget}, or its first host routed to that environment, over HTTPS.
   */
  public static Optional<String> dastTarget(Application app, String environment) {
    SecuritySpec security = app.getSpec().getSecurity();
    if (security != null && security.getDastTarget() != null) {
      return Optional.of(security.getDastTarget());
    }
    List<HostSpec> hosts = app.getSpec().getHosts();
    return (hosts == null ? List.<HostSpec>of() : hosts)
        .stream()
            .filter(h -> environment.equals(h.getEnvironment()))
            .findFirst()
            .map(h -> "https://" + h.getHost() + (h.getPath() == null ? "/" : h.getPath()));
  }

  private static Promotion mode(Promotion given, int index, int size) {
    if (given != null) {
      return given;
    }
    return index == size - 1 ? Promotion.MANUAL : Promotion.AUTO;
  }

  /** The stage of {@code environment}, or a refusal naming the application's environments. */
  public Stage stage(String environment) {
    return stages.stream()
        .filter(s -> s.environment().equals(environment))
        .findFirst()
        .orElseThrow(
            () ->
                new PromotionRefused(
                    "the application does not run in environment `"
                        + environment
                        + "`; expected one of "
                        + stages.stream()
                            .map(Stage::environment)
                            .collect(Collectors.joining(", "))));
  }

  /** Whether {@code environment} is the first, where a release starts. */
  public boolean isFirst(String environment) {
    return stages.indexOf(stage(environment)) == 0;
  }

  /** The environment a release comes from on its way into {@code environment}. */
  public String previous(String environment) {
    int index = stages.indexOf(stage(environment));
    if (index == 0) {
      throw new PromotionRefused(
          "`"
              + environment
              + "` is the application's first environment: a release starts there, nothing is"
              + " promoted into it");
    }
    return stages.get(index - 1).environment();
  }

  /** The environment after {@code environment}, if any. */
  public Optional<Stage> next(String environment) {
    int index = stages.indexOf(stage(environment));
    return index + 1 < stages.size() ? Optional.of(stages.get(index + 1)) : Optional.empty();
  }
}
