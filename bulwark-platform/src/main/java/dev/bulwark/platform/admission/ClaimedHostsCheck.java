package dev.bulwark.platform.admission;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.policy.library.ParamValues;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.VariableGraph;
import dev.bulwark.render.RenderContext;
import dev.bulwark.spec.SpecCheck;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hosts claimed outside the tenants' domains, more than an admission policy can carry. The policy
 * engine's parameters reach the API server as one CEL literal per ValidatingAdmissionPolicy ({@code
 * variables.params}), and the API server refuses an expression of more than {@value
 * #CEL_EXPRESSION_LIMIT} code points; the policy would then stay at its previous hosts while
 * everything else converged. Rejected at load time, naming the application that claims the most.
 */
public final class ClaimedHostsCheck implements SpecCheck {

  /** The API server's limit on the size of one CEL expression, in code points. */
  static final int CEL_EXPRESSION_LIMIT = 100_000;

  /**
   * Room left for the library's own defaults, which a policy's literal adds to the spec's
   * parameters (a few hundred code points today).
   */
  private static final int DEFAULTS_ROOM = 10_000;

  private final Supplier<PolicyLibrary> library;

  public ClaimedHostsCheck() {
    this(PolicyLibrary::standard);
  }

  /** The library is read only for a spec near the limit: {@code validate} need not load it. */
  ClaimedHostsCheck(Supplier<PolicyLibrary> library) {
    this.library = library;
  }

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    RenderContext context = RenderContext.of(spec);
    Map<String, Object> params = PolicyRenderUnit.params(context);
    if (codePoints(ParamValues.toCel(params)) <= CEL_EXPRESSION_LIMIT - DEFAULTS_ROOM) {
      return List.of();
    }
    PolicyLibrary policies = library.get();
    for (Policy policy : policies.policies()) {
      if (!VariableGraph.usesParams(policies, policy)) {
        continue;
      }
      int size = codePoints(ParamValues.toCel(PolicyEngine.effectiveParams(policy, params)));
      if (size > CEL_EXPRESSION_LIMIT) {
        return List.of(tooMany(spec, context.platform().domain(), policy, size));
      }
    }
    return List.of();
  }

  private static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  private static Finding tooMany(BulwarkSpec spec, String domain, Policy policy, int size) {
    Application most =
        spec.applications().stream()
            .max(Comparator.comparingLong(app -> claimedOutside(app, domain)))
            .orElseThrow();
    long total = spec.applications().stream().mapToLong(app -> claimedOutside(app, domain)).sum();
    return new Finding(
        "Application",
        most.getMetadata().getName(),
        "spec.hosts",
        "the applications claim "
            + total
            + " hosts outside their tenants' domains (<tenant>."
            + domain
            + "), this one "
            + claimedOutside(most, domain)
            + "; the admission policy "
            + policy.id()
            + " carries them in one CEL expression of "
            + size
            + " code points, and the API server accepts at most "
            + CEL_EXPRESSION_LIMIT
            + ": serve hosts under the tenant's domain, which need no claim");
  }

  private static long claimedOutside(Application app, String domain) {
    return app.getSpec().getHosts().stream()
        .filter(h -> PolicyRenderUnit.needsClaim(h.getHost(), app.getSpec().getTenant(), domain))
        .count();
  }
}
