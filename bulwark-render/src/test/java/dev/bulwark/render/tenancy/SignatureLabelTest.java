package dev.bulwark.render.tenancy;

import static dev.bulwark.render.TestSpecs.application;
import static dev.bulwark.render.TestSpecs.platform;
import static dev.bulwark.render.TestSpecs.spec;
import static dev.bulwark.render.TestSpecs.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The namespace label that binds an environment to the image signature check (ADR 0040). */
class SignatureLabelTest {

  private static final String LABEL = "bulwark.dev/require-signature";

  private static Map<String, String> labels(Application... apps) {
    DesiredState state =
        new Renderer(List.of(new TenancyUnit()))
            .render(
                spec(platform("acme.example.com"), List.of(tenant("shop", "dev", "prod")), apps));
    Map<String, String> byNamespace = new HashMap<>();
    for (Namespace ns : TenancyUnitTest.all(state, Namespace.class)) {
      String value = ns.getMetadata().getLabels().get(LABEL);
      byNamespace.put(ns.getMetadata().getName(), value == null ? "-" : value);
    }
    return byNamespace;
  }

  private static Application app(String name, Boolean required, BuildSpec.Ci ci) {
    Application app = application(name, "shop", 8080);
    if (required != null) {
      SecuritySpec security = new SecuritySpec();
      security.setRequireSignature(required);
      app.getSpec().setSecurity(security);
    }
    if (ci != null) {
      BuildSpec build = new BuildSpec();
      build.setCi(ci);
      app.getSpec().setBuild(build);
    }
    return app;
  }

  private static void override(Application app, String environment, Boolean required) {
    SecuritySpec.EnvironmentSpec env = new SecuritySpec.EnvironmentSpec();
    env.setName(environment);
    env.setRequireSignature(required);
    app.getSpec().getSecurity().getEnvironments().add(env);
  }

  @Test
  void noApplicationAskingForSignaturesLeavesTheNamespacesUnbound() {
    assertThat(labels(app("web", null, BuildSpec.Ci.TEKTON), app("api", false, null)))
        .containsEntry("shop-dev", "-")
        .containsEntry("shop-prod", "-");
  }

  @Test
  void pipelineBuiltApplicationsAreGatedAndAnExternalBuildOnlySigned() {
    assertThat(labels(app("web", true, BuildSpec.Ci.TEKTON)))
        .containsEntry("shop-dev", "gate")
        .containsEntry("shop-prod", "gate");
    assertThat(
            labels(app("web", true, BuildSpec.Ci.TEKTON), app("ext", false, BuildSpec.Ci.EXTERNAL)))
        .as(
            "the label binds every Pod of the namespace, and an external build has no gate attestation")
        .containsEntry("shop-dev", "signature")
        .containsEntry("shop-prod", "signature");
    assertThat(labels(app("prebuilt", true, null))).containsEntry("shop-dev", "signature");
  }

  @Test
  void theEnvironmentsOverrideDecidesInItsEnvironment() {
    Application strictProd = app("web", false, BuildSpec.Ci.TEKTON);
    override(strictProd, "prod", true);
    assertThat(labels(strictProd))
        .containsEntry("shop-dev", "-")
        .containsEntry("shop-prod", "gate");
    Application laxDev = app("web", true, BuildSpec.Ci.TEKTON);
    override(laxDev, "dev", false);
    assertThat(labels(laxDev)).containsEntry("shop-dev", "-").containsEntry("shop-prod", "gate");
  }

  @Test
  void anApplicationBindsOnlyTheEnvironmentsItDeploysTo() {
    Application prodOnly = app("web", true, BuildSpec.Ci.TEKTON);
    ApplicationSpec.AppEnvironmentSpec prod = new ApplicationSpec.AppEnvironmentSpec();
    prod.setName("prod");
    prodOnly.getSpec().setEnvironments(List.of(prod));
    assertThat(labels(prodOnly)).containsEntry("shop-dev", "-").containsEntry("shop-prod", "gate");
  }
}
