package dev.bulwark.platform.pipeline;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.platform.registry.RegistryUnit;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import java.util.Objects;

/**
 * One application's build with every default resolved, once, for all the objects of its pipeline.
 *
 * @param tenant the tenant's name
 * @param app the application's name
 * @param namespace the tenant's CI namespace, where the pipeline runs
 * @param repoURL the Git repository of the code: spec.build.repoURL, else spec.source.repoURL
 * @param branch the branch whose pushes start the pipeline
 * @param context the build context, relative to the repository's root
 * @param dockerfile the Dockerfile, relative to the context
 * @param testCommand the tests' shell command, or null for no test stage
 * @param testImage the image the tests run in, or null
 * @param image the image repository the build pushes to, in the tenant's Harbor project
 * @param firstEnvironment the environment a pushed image is promoted to first
 */
public record BuildModel(
    String tenant,
    String app,
    String namespace,
    String repoURL,
    String branch,
    String context,
    String dockerfile,
    String testCommand,
    String testImage,
    String image,
    String firstEnvironment) {

  /** The resolved build of {@code app}, which has a {@code spec.build}. */
  public static BuildModel of(Stack stack, TenantModel tenant, Application app) {
    BuildSpec build = app.getSpec().getBuild();
    String name = app.getMetadata().getName();
    return new BuildModel(
        tenant.name(),
        name,
        TenantCi.namespace(tenant.name()),
        repoURL(app),
        Objects.requireNonNullElse(build.getBranch(), "main"),
        Objects.requireNonNullElse(build.getContext(), "."),
        Objects.requireNonNullElse(build.getDockerfile(), "Dockerfile"),
        build.getTestCommand(),
        build.getTestImage(),
        stack.platform().registryHost() + "/" + RegistryUnit.project(stack, tenant) + "/" + name,
        RoutingUnit.environmentsOf(app, tenant).get(0).name());
  }

  /** The repository the build clones; null when neither build nor source names one. */
  public static String repoURL(Application app) {
    BuildSpec build = app.getSpec().getBuild();
    if (build != null && build.getRepoURL() != null) {
      return build.getRepoURL();
    }
    return app.getSpec().getSource() == null ? null : app.getSpec().getSource().getRepoURL();
  }

  public boolean tested() {
    return testCommand != null && !testCommand.isBlank();
  }
}
