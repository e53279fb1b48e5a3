package dev.bulwark.render.tenancy;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import java.util.List;
import java.util.Optional;

/**
 * What the admission webhook checks in a tenant environment's namespace (ADR 0040), from the {@code
 * security.requireSignature} of the applications deployed there and their per-environment
 * overrides. The label binds the whole namespace, so one application that asks for signatures puts
 * every Pod of the namespace under the check; the gate attestation is asked for only when every
 * application there is built by the platform's pipeline, the only builder that attests the gate's
 * decision (an externally built image can be signed with the platform's key, not gated).
 */
public enum SignatureRequirement {
  /** Images must be signed by one of the platform's keys: the webhook's {@code /verify-images}. */
  SIGNATURE("signature"),
  /** Signed, and attested by the gate with {@code pass}: {@code /verify-images-gated}. */
  GATE("gate");

  /** The namespace label the webhook's entries select on. */
  public static final String LABEL = "bulwark.dev/require-signature";

  private final String value;

  SignatureRequirement(String value) {
    this.value = value;
  }

  /** The label's value. */
  public String value() {
    return value;
  }

  /** The requirement of {@code env}'s namespace; empty when no application there asks for one. */
  public static Optional<SignatureRequirement> of(TenantModel tenant, EnvironmentModel env) {
    List<Application> deployed =
        tenant.applications().stream().filter(app -> deploysTo(app, env.name())).toList();
    if (deployed.stream().noneMatch(app -> requiresSignature(app, env.name()))) {
      return Optional.empty();
    }
    return Optional.of(
        deployed.stream().allMatch(SignatureRequirement::builtByThePipeline) ? GATE : SIGNATURE);
  }

  /** Whether any tenant environment of {@code context} is bound to the signature check. */
  public static boolean anyIn(RenderContext context) {
    return context.tenants().stream()
        .anyMatch(t -> t.environments().stream().anyMatch(env -> of(t, env).isPresent()));
  }

  /** An application without environments of its own deploys to every one of its tenant's. */
  private static boolean deploysTo(Application app, String environment) {
    List<ApplicationSpec.AppEnvironmentSpec> own = app.getSpec().getEnvironments();
    return own == null
        || own.isEmpty()
        || own.stream().anyMatch(e -> environment.equals(e.getName()));
  }

  /** The application's setting, unless its override for {@code environment} says otherwise. */
  static boolean requiresSignature(Application app, String environment) {
    SecuritySpec security = app.getSpec().getSecurity();
    if (security == null) {
      return false;
    }
    Boolean required = security.getRequireSignature();
    for (SecuritySpec.EnvironmentSpec override : security.getEnvironments()) {
      if (environment.equals(override.getName()) && override.getRequireSignature() != null) {
        required = override.getRequireSignature();
      }
    }
    return Boolean.TRUE.equals(required);
  }

  private static boolean builtByThePipeline(Application app) {
    BuildSpec build = app.getSpec().getBuild();
    return build != null && (build.getCi() == null || build.getCi() == BuildSpec.Ci.TEKTON);
  }
}
