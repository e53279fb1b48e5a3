package dev.bulwark.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.spec.SpecCheck.Finding;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of one Application that the operator runs as the loader does (ADR 0036): the ones that
 * need only the object are found without its Tenant, each by field path.
 */
class ApplicationRulesTest {

  @Test
  void theChecksLocalToTheObjectNeedNoTenant() {
    Application app = app();
    ApplicationSpec spec = app.getSpec();
    spec.getPorts().add(port("http", 8080));
    spec.getPorts().add(port("http", 8080));
    spec.getEnvironments().add(environment("dev", AppEnvironmentSpec.Promotion.AUTO));
    spec.getEnvironments().add(environment("dev", null));
    ApplicationSpec.HostSpec host = new ApplicationSpec.HostSpec();
    host.setHost("api.example.test");
    host.setEnvironment("prod");
    host.setPort("grpc");
    spec.getHosts().add(host);

    assertThat(ApplicationRules.check(app, null))
        .extracting(Finding::fieldPath, Finding::message)
        .containsExactly(
            tuple("spec.ports[1].name", "duplicate port name `http`"),
            tuple("spec.ports[1].port", "duplicate port 8080: already declared at spec.ports[0]"),
            tuple(
                "spec.environments[1].name",
                "duplicate environment `dev`: already listed at spec.environments[0]"),
            tuple("spec.hosts[0].port", "no port named `grpc` in spec.ports; expected one of http"),
            tuple(
                "spec.hosts[0].environment",
                "the application does not run in environment `prod`; expected one of its"
                    + " spec.environments: dev"),
            tuple(
                "spec.environments[0].promotion",
                "`dev` is the application's first environment: a release starts there, nothing is"
                    + " promoted into it; remove promotion here and set it on a later"
                    + " environment"));
  }

  @Test
  void aValidApplicationHasNoFinding() {
    Application app = app();
    app.getSpec().getPorts().add(port("http", 8080));
    app.getSpec().getEnvironments().add(environment("dev", null));
    app.getSpec().getEnvironments().add(environment("prod", AppEnvironmentSpec.Promotion.MANUAL));

    assertThat(ApplicationRules.check(app, null)).isEmpty();
  }

  private static Application app() {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName("api").build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant("web");
    spec.setImage("registry.example.test/web/api:1.0.0");
    spec.setPorts(new ArrayList<>());
    spec.setEnvironments(new ArrayList<>());
    spec.setHosts(new ArrayList<>(List.of()));
    app.setSpec(spec);
    return app;
  }

  private static ApplicationSpec.PortSpec port(String name, int number) {
    ApplicationSpec.PortSpec port = new ApplicationSpec.PortSpec();
    port.setName(name);
    port.setPort(number);
    return port;
  }

  private static AppEnvironmentSpec environment(
      String name, AppEnvironmentSpec.Promotion promotion) {
    AppEnvironmentSpec env = new AppEnvironmentSpec();
    env.setName(name);
    env.setPromotion(promotion);
    return env;
  }
}
