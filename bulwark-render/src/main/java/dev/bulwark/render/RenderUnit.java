package dev.bulwark.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One capability of the platform, turned into the Kubernetes objects it owns.
 *
 * <p>A unit is a pure function of the spec, in the spirit of JOSDK's {@code desired()}: it must not
 * read files, the clock, the environment or a cluster, and the same spec must give equal objects.
 * Every object it returns carries the {@code bulwark.dev/tenant} label; the {@link Renderer} adds
 * the managed-by and capability labels and checks the rest.
 */
public interface RenderUnit {

  /** The capability this unit renders, used in the {@code bulwark.dev/capability} label. */
  String capability();

  /** The desired objects of this capability for the whole spec. */
  List<HasMetadata> render(RenderContext context);
}
