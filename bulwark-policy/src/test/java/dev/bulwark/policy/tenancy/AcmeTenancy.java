package dev.bulwark.policy.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.tenancy.TenancyUnit;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The example platform's tenancy and policies on a real API server: what the operator would apply
 * of the {@code tenancy} and {@code policy} capabilities, and clients acting as tenant members.
 */
final class AcmeTenancy {

  static final String OWNER = "payments-leads";
  static final String DEVELOPER = "payments-engineers";
  static final String VIEWER = "payments-auditors";

  private AcmeTenancy() {}

  /** Renders examples/acme and applies its tenant namespaces, RBAC, quotas and policies. */
  static PlatformModel apply(KubernetesClient admin) {
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).as(loaded.report()).isEmpty();
    DesiredState state = Renderer.standard().render(loaded.spec());
    List<HasMetadata> objects = new ArrayList<>();
    for (DesiredObject o : state.objects()) {
      if (o.capability().equals(TenancyUnit.CAPABILITY)
          || o.capability().equals(PolicyRenderUnit.CAPABILITY)) {
        objects.add(o.object());
      }
    }
    // Namespaces first, then policies before their bindings: the order the API server needs.
    // The default field manager, as the other tests on this JVM's API server use, and forced:
    // the example's parameters replace whatever another test applied.
    objects.sort(Comparator.comparingInt(AcmeTenancy::order));
    for (HasMetadata o : objects) {
      admin.resource(o).forceConflicts().serverSideApply();
    }
    return PlatformModel.from(loaded.spec().platform());
  }

  private static int order(HasMetadata o) {
    return switch (o.getKind()) {
      case "Namespace" -> 0;
      case "ValidatingAdmissionPolicyBinding" -> 2;
      default -> 1;
    };
  }

  /** A client acting as a member of {@code group} (with the identity prefix). */
  static KubernetesClient as(Config admin, PlatformModel platform, String group) {
    Config config =
        new ConfigBuilder(admin)
            .withImpersonateUsername("member-of-" + group)
            .withImpersonateGroups(platform.groupPrefix() + group, "system:authenticated")
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
