package dev.bulwark.operator.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.apply.ApplyOutcome;
import dev.bulwark.operator.apply.SyncOrder;
import dev.bulwark.operator.reconcile.Blocked;
import dev.bulwark.operator.reconcile.ExistingChecks;
import dev.bulwark.operator.reconcile.OwnerPass;
import dev.bulwark.operator.reconcile.Scope;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bulwark apply}: the operator's engine run once from the command line. CRDs first, then the
 * Platform and the Tenants, the platform's and the tenants' objects, the Applications (whose
 * namespaces now exist) and their objects. Each owner's objects go through the reconcilers' {@link
 * OwnerPass}, so they are applied in the same order and its status is recorded as the operator
 * would. Nothing is sent for an object that is already as desired.
 */
public final class OneShotApply {

  /** Where progress goes: a step starts, an object is done. */
  public interface Listener {
    void step(String message);

    void object(ApplyOutcome outcome);
  }

  /** Everything that happened, in order. */
  public record Report(List<ApplyOutcome> outcomes) {
    public long count(ApplyOutcome.Action action) {
      return outcomes.stream().filter(o -> o.action() == action).count();
    }

    public List<ApplyOutcome> failures() {
      return outcomes.stream().filter(o -> o.action().failed()).toList();
    }
  }

  /** A Platform, Tenant or Application was deleted by someone else right after it was applied. */
  public static final class VanishedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    VanishedException(String message) {
      super(message);
    }
  }

  /** The spec adopts an instance that cannot be used (ADR 0034); nothing was applied. */
  public static final class BlockedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Blocked blocked;

    BlockedException(Blocked blocked) {
      super(blocked.reason() + ": " + blocked.message());
      this.blocked = blocked;
    }

    public Blocked blocked() {
      return blocked;
    }
  }

  /**
   * Passes at most: later passes only retry what failed transiently (everything else is unchanged
   * by then).
   */
  private static final int RETRIES = 3;

  private final Engine engine;
  private final OwnerPass pass;

  /** Renewed for each pass, so each pass lists ownership afresh ({@link ClientLiveView}). */
  private ClientLiveView live;

  public OneShotApply(Engine engine) {
    this.engine = engine;
    this.pass = new OwnerPass(engine);
    this.live = new ClientLiveView(engine.client(), engine.kinds());
  }

  /**
   * Applies {@code spec}, or throws {@link BlockedException} before applying anything when an
   * instance it adopts is missing or lacks a setting, as the operator would block.
   */
  public Report apply(BulwarkSpec spec, Listener listener) {
    listener.step("existing components");
    Optional<Blocked> blocked =
        new ExistingChecks(engine.client()).check(spec.platform().getSpec());
    if (blocked.isPresent()) {
      throw new BlockedException(blocked.get());
    }
    java.util.Map<ObjectKey, ApplyOutcome> merged = new java.util.LinkedHashMap<>();
    for (int attempt = 1; ; attempt++) {
      Report pass = applyOnce(spec, listener);
      for (ApplyOutcome outcome : pass.outcomes()) {
        ApplyOutcome earlier = merged.get(outcome.key());
        // what an earlier pass did (created, patched) is kept when a later pass finds it unchanged
        boolean keepEarlier =
            earlier != null
                && earlier.action().wrote()
                && outcome.action() == ApplyOutcome.Action.UNCHANGED;
        merged.put(outcome.key(), keepEarlier ? earlier : outcome);
      }
      long retryable = pass.failures().stream().filter(ApplyOutcome::transientError).count();
      if (retryable == 0 || attempt == RETRIES) {
        return new Report(new ArrayList<>(merged.values()));
      }
      Duration wait = Duration.ofSeconds(1L << (attempt - 1));
      listener.step(
          "retrying: "
              + retryable
              + " objects failed in a way that may pass (attempt "
              + (attempt + 1)
              + " of "
              + RETRIES
              + ", in "
              + wait.toSeconds()
              + "s)");
      sleep(wait);
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Report applyOnce(BulwarkSpec spec, Listener listener) {
    live = new ClientLiveView(engine.client(), engine.kinds());
    List<ApplyOutcome> outcomes = new ArrayList<>();
    listener.step("CustomResourceDefinitions");
    CrdInstaller crds = new CrdInstaller(engine.client());
    for (String resource : CrdInstaller.BULWARK_CRDS) {
      record(outcomes, listener, applyPlain(crds.read(resource)));
    }
    // the kinds Bulwark keeps its evidence in come with it, as with its chart (ADR 0050)
    crds.evidenceCrds().forEach(crd -> record(outcomes, listener, applyPlain(crd)));
    crds.awaitEstablished(CrdInstaller.BULWARK_CRD_NAMES);
    crds.awaitEstablished(CrdInstaller.EVIDENCE_CRD_NAMES);

    listener.step("Platform and Tenants");
    record(outcomes, listener, applyPlain(spec.platform()));
    spec.tenants().forEach(t -> record(outcomes, listener, applyPlain(t)));
    Platform platform = fetch(spec.platform());
    List<Tenant> tenants = spec.tenants().stream().map(this::fetch).toList();

    listener.step("bootstrap objects");
    bootstrap(spec).forEach(o -> record(outcomes, listener, o));

    listener.step("platform objects");
    converge(
        platform,
        engine.renders().ofPlatform(platform, tenants, spec.applications()),
        outcomes,
        listener);
    for (Tenant tenant : tenants) {
      String name = tenant.getMetadata().getName();
      listener.step("Tenant " + name);
      converge(
          tenant,
          engine.renders().ofTenant(platform, tenant, spec.applicationsOf(name)),
          outcomes,
          listener);
    }

    listener.step("Applications");
    spec.applications().forEach(a -> record(outcomes, listener, applyPlain(a)));
    for (Application app : spec.applications().stream().map(this::fetch).toList()) {
      String tenant = app.getSpec().getTenant();
      Tenant owner =
          tenants.stream()
              .filter(t -> t.getMetadata().getName().equals(tenant))
              .findFirst()
              .orElse(null);
      if (owner == null) {
        continue; // the spec loader has reported an application whose tenant is missing
      }
      converge(
          app,
          engine.renders().ofApplication(platform, owner, spec.applicationsOf(tenant), app),
          outcomes,
          listener);
    }
    return new Report(outcomes);
  }

  /**
   * Applies the objects of the {@value Scope#BOOTSTRAP} capability (the GitOps engine's namespace
   * and its cluster-admin binding), which the operator never applies: its role stays far below
   * cluster-admin. They belong to no owner and are never pruned; whoever runs this (an
   * administrator, or {@code bulwark demo}) needs the rights they grant.
   */
  public List<ApplyOutcome> bootstrap(BulwarkSpec spec) {
    List<ApplyOutcome> outcomes = new ArrayList<>();
    List<GenericKubernetesResource> objects =
        engine.renderer().render(spec).objects().stream()
            .filter(o -> Scope.BOOTSTRAP.equals(o.capability()))
            .map(o -> generic(o.object()))
            .toList();
    SyncOrder.sort(objects).forEach(o -> outcomes.add(applyPlain(o)));
    return outcomes;
  }

  /**
   * One owner's {@link OwnerPass}, as the operator runs it; its status is recorded the same way.
   */
  private <P extends CustomResource<?, ResourceStatus>> void converge(
      P owner, List<HasMetadata> objects, List<ApplyOutcome> outcomes, Listener listener) {
    OwnerPass.Converged done = pass.run(owner, objects, live);
    done.result().applied().forEach(o -> record(outcomes, listener, o));
    done.result().pruned().forEach(o -> record(outcomes, listener, o));
    pass.record(owner, done.before(), done.after());
  }

  private ApplyOutcome applyPlain(HasMetadata resource) {
    GenericKubernetesResource desired = generic(resource);
    desired.getMetadata().setResourceVersion(null);
    desired.getMetadata().setManagedFields(null);
    desired.getAdditionalProperties().remove("status");
    return engine.applier().apply(desired, live.find(ObjectKey.of(desired)), "");
  }

  private GenericKubernetesResource generic(HasMetadata object) {
    return engine
        .client()
        .getKubernetesSerialization()
        .convertValue(object, GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private <R extends HasMetadata> R fetch(R resource) {
    var ops = engine.client().resources((Class<R>) resource.getClass());
    String ns = resource.getMetadata().getNamespace();
    R live =
        ns == null
            ? ops.withName(resource.getMetadata().getName()).get()
            : ops.inNamespace(ns).withName(resource.getMetadata().getName()).get();
    if (live == null) {
      // applied a moment ago: another client deleted it (a terminating object whose finalizer
      // went meanwhile); its owner pass would have no uid to own anything by
      throw new VanishedException(
          resource.getKind()
              + " "
              + resource.getMetadata().getName()
              + " is gone right after it was applied: something deleted it meanwhile; apply again");
    }
    return live;
  }

  private static void record(List<ApplyOutcome> outcomes, Listener listener, ApplyOutcome outcome) {
    outcomes.add(outcome);
    listener.object(outcome);
  }
}
