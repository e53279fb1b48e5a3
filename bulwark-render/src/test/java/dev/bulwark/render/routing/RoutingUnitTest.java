package dev.bulwark.render.routing;

import static dev.bulwark.render.TestSpecs.application;
import static dev.bulwark.render.TestSpecs.platform;
import static dev.bulwark.render.TestSpecs.spec;
import static dev.bulwark.render.TestSpecs.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingUnitTest {

  private final Renderer renderer = new Renderer(List.of(new RoutingUnit()));

  @Test
  void aServicePerEnvironmentAndARoutePerHost() {
    DesiredState state =
        renderer.render(
            spec(
                platform("acme.example.com"),
                List.of(tenant("shop", "dev", "prod")),
                application("web", "shop", 8080, "web.acme.example.com@prod")));
    List<Service> services =
        state.objects().stream()
            .map(DesiredObject::object)
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .toList();
    assertThat(services)
        .extracting(s -> s.getMetadata().getNamespace())
        .containsExactly("shop-dev", "shop-prod");
    List<HTTPRoute> routes =
        state.objects().stream()
            .map(DesiredObject::object)
            .filter(HTTPRoute.class::isInstance)
            .map(HTTPRoute.class::cast)
            .toList();
    assertThat(routes).hasSize(1);
    HTTPRoute route = routes.get(0);
    assertThat(route.getMetadata().getNamespace()).isEqualTo("shop-prod");
    assertThat(route.getSpec().getHostnames()).containsExactly("web.acme.example.com");
    assertThat(route.getSpec().getParentRefs().get(0).getNamespace()).isEqualTo("bulwark-gateway");
    assertThat(route.getSpec().getRules().get(0).getBackendRefs().get(0).getName())
        .isEqualTo("web");
    assertThat(route.getSpec().getRules().get(0).getBackendRefs().get(0).getPort()).isEqualTo(8080);
    assertThat(route.getMetadata().getLabels())
        .containsEntry("bulwark.dev/application", "web")
        .containsEntry("bulwark.dev/environment", "prod");
  }

  @Test
  void withIngressNginxAnIngressPerHostAndNoRoute() {
    var platform = platform("acme.example.com");
    var components = new ComponentsSpec();
    var gateway = new ComponentSpec();
    gateway.setImplementation(RoutingUnit.INGRESS_NGINX);
    components.setGateway(gateway);
    platform.getSpec().setComponents(components);
    DesiredState state =
        renderer.render(
            spec(
                platform,
                List.of(tenant("shop", "dev", "prod")),
                application("web", "shop", 8080, "web.acme.example.com@prod")));
    assertThat(state.objects()).noneMatch(o -> o.object() instanceof HTTPRoute);
    List<Ingress> ingresses =
        state.objects().stream()
            .map(DesiredObject::object)
            .filter(Ingress.class::isInstance)
            .map(Ingress.class::cast)
            .toList();
    assertThat(ingresses)
        .singleElement()
        .satisfies(
            ingress -> {
              assertThat(ingress.getMetadata().getNamespace()).isEqualTo("shop-prod");
              assertThat(ingress.getSpec().getIngressClassName())
                  .isEqualTo(RoutingUnit.INGRESS_CLASS);
              assertThat(ingress.getSpec().getTls().get(0).getHosts())
                  .containsExactly("web.acme.example.com");
              var backend =
                  ingress
                      .getSpec()
                      .getRules()
                      .get(0)
                      .getHttp()
                      .getPaths()
                      .get(0)
                      .getBackend()
                      .getService();
              assertThat(backend.getName()).isEqualTo("web");
              assertThat(backend.getPort().getNumber()).isEqualTo(8080);
              assertThat(ingress.getMetadata().getLabels())
                  .containsEntry("bulwark.dev/environment", "prod");
            });
  }

  @Test
  void anApplicationWithoutPortsGetsNothing() {
    var app = application("batch", "shop", 1);
    app.getSpec().setPorts(List.of());
    DesiredState state =
        renderer.render(spec(platform("acme.example.com"), List.of(tenant("shop", "dev")), app));
    assertThat(state.objects()).isEmpty();
  }
}
