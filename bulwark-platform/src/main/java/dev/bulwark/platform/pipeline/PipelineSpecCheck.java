package dev.bulwark.platform.pipeline;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec.EnvironmentSpec;
import dev.bulwark.platform.check.PlatformSpecCheck;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.spec.SpecCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the platform cannot run, rejected at load time: a build with no repository to clone, a
 * test command with no image to run it in, and a tenant environment whose namespace is the tenant's
 * CI namespace; a build on a platform without Tekton or a registry loads with a warning.
 */
public final class PipelineSpecCheck implements SpecCheck {

  private static final String APPLICATION = "Application";

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    List<Finding> findings = new ArrayList<>();
    List<String> ciTenants = new ArrayList<>();
    for (Application app : spec.applications()) {
      BuildSpec build = app.getSpec().getBuild();
      if (build != null) {
        check(app, build, findings);
        if (TenantCi.ciOf(app) == BuildSpec.Ci.TEKTON) {
          ciTenants.add(app.getSpec().getTenant());
        }
      }
    }
    for (Tenant tenant : spec.tenants()) {
      String name = tenant.getMetadata().getName();
      List<EnvironmentSpec> envs = tenant.getSpec().getEnvironments();
      for (int i = 0; i < envs.size(); i++) {
        if (ciTenants.contains(name)
            && envs.get(i).namespaceIn(name).equals(TenantCi.namespace(name))) {
          findings.add(
              new Finding(
                  "Tenant",
                  name,
                  "spec.environments[" + i + "].namespace",
                  "namespace "
                      + TenantCi.namespace(name)
                      + " is the tenant's CI namespace, where its pipelines run: give the environment another namespace"));
        }
      }
    }
    scheduleProblem(spec).ifPresent(findings::add);
    return findings;
  }

  /** The vulnerability database refresh's schedule, a setting of the ci component. */
  private static java.util.Optional<Finding> scheduleProblem(BulwarkSpec spec) {
    var components = spec.platform().getSpec().getComponents();
    var ci = components == null ? null : components.getCi();
    String schedule =
        ci == null || ci.getSettings() == null
            ? null
            : ci.getSettings().get(DatabaseRefresh.SCHEDULE_SETTING);
    return DatabaseRefresh.scheduleProblem(schedule)
        .map(
            problem ->
                new Finding(
                    "Platform",
                    spec.platform().getMetadata().getName(),
                    "spec.components.ci.settings." + DatabaseRefresh.SCHEDULE_SETTING,
                    problem));
  }

  private static void check(Application app, BuildSpec build, List<Finding> findings) {
    String name = app.getMetadata().getName();
    if (BuildModel.repoURL(app) == null) {
      findings.add(
          new Finding(
              APPLICATION,
              name,
              "spec.build.repoURL",
              "a build needs the Git repository of the code: set spec.build.repoURL, or spec.source.repoURL when code and manifests share a repository"));
    }
    if (build.getTestCommand() != null && build.getTestImage() == null) {
      findings.add(
          new Finding(
              APPLICATION,
              name,
              "spec.build.testImage",
              "spec.build.testCommand needs an image to run in: set spec.build.testImage, for example golang:1.25"));
    }
  }

  /**
   * Builds that get nothing on this platform: without Tekton no pipeline is rendered, without the
   * registry there is no robot account to push with. The same applications load on a smaller
   * platform, so these are cautions, not errors.
   */
  @Override
  public List<Finding> warnings(BulwarkSpec spec) {
    List<Finding> warnings = new ArrayList<>();
    Map<String, String> selected =
        PlatformSpecCheck.selection(spec.platform().getSpec()).orElse(Map.of());
    for (Application app : spec.applications()) {
      String name = app.getMetadata().getName();
      if (TenantCi.ciOf(app) == BuildSpec.Ci.TEKTON && !selected.containsKey("ci")) {
        warnings.add(
            new Finding(
                APPLICATION,
                name,
                "spec.build.ci",
                "no pipeline is rendered: ci: tekton builds with the platform's Tekton, which is off (spec.components.ci)"));
      }
      if (TenantCi.ciOf(app) != null && !selected.containsKey("registry")) {
        warnings.add(
            new Finding(
                APPLICATION,
                name,
                "spec.build",
                "the platform registry is off (spec.components.registry), so there is no robot account to push with"));
      }
    }
    return warnings;
  }
}
