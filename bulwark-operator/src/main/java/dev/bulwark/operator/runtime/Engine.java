package dev.bulwark.operator.runtime;

import dev.bulwark.operator.apply.Applier;
import dev.bulwark.operator.apply.ClientObjectApi;
import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.Sync;
import dev.bulwark.operator.reconcile.Renders;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What every reconciler (and the one-shot apply) shares: the client, the kinds it addresses, the
 * applier, the renderings, events, metrics and the clock (injected so that status timestamps are
 * testable).
 */
public record Engine(
    KubernetesClient client,
    KindRegistry kinds,
    Applier applier,
    Sync sync,
    Renderer renderer,
    Renders renders,
    EventEmitter events,
    MeterRegistry metrics,
    Clock clock) {

  /** An engine on {@code client} with the standard renderer. */
  public static Engine create(
      KubernetesClient client, MeterRegistry metrics, Clock clock, String instance) {
    KindRegistry kinds = new KindRegistry(client);
    Applier applier =
        new Applier(new ClientObjectApi(client, kinds), client.getKubernetesSerialization());
    Renderer renderer = Renderer.standard();
    return new Engine(
        client,
        kinds,
        applier,
        new Sync(applier),
        renderer,
        new Renders(renderer),
        new EventEmitter(client, clock, instance),
        metrics,
        clock);
  }
}
