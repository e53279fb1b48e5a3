package dev.bulwark.platform.stack;

import dev.bulwark.platform.distribution.Distribution;
import dev.bulwark.platform.distribution.OpenShiftSecurity;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A render unit for one platform capability: it renders nothing when the catalogue's selection
 * leaves the capability out, and otherwise the component's Applications and wiring objects.
 *
 * <p>The catalogue is loaded once, when the unit is constructed; rendering itself stays pure. The
 * {@link Stack} is resolved once per render: the units of one render share it.
 */
public abstract class ComponentUnit implements RenderUnit {

  /**
   * The stack of the render in progress. The renderer runs every unit on one context, so the first
   * unit resolves the stack and the others find it here; a new context (the next render) or another
   * catalogue resolves it again. Keyed by identity: equal specs are not the same render.
   */
  private static final AtomicReference<Resolved> LAST = new AtomicReference<>();

  private record Resolved(RenderContext context, PlatformCatalog catalog, Stack stack) {}

  private final PlatformCatalog catalog;

  /** A unit on the standard catalogue, as the render core's ServiceLoader makes it. */
  protected ComponentUnit() {
    this(Catalogs.standard());
  }

  protected ComponentUnit(PlatformCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public final List<HasMetadata> render(RenderContext context) {
    Stack stack = stackOf(context, catalog);
    List<HasMetadata> objects =
        stack
            .component(component())
            .map(c -> ExistingInstall.filter(c, render(stack, c)))
            .orElse(List.of());
    // OpenShift's SCCs sit beside Pod Security; every unit's namespaces get theirs here, in one
    // place.
    return Distribution.of(stack.spec()).openshift()
        ? OpenShiftSecurity.withSccBindings(objects)
        : objects;
  }

  /**
   * The stack of {@code context} on {@code catalog}, resolved once for all units that render it.
   */
  static Stack stackOf(RenderContext context, PlatformCatalog catalog) {
    Resolved last = LAST.get();
    if (last != null && last.context() == context && last.catalog() == catalog) {
      return last.stack();
    }
    Stack stack = Stack.of(context, catalog);
    LAST.set(new Resolved(context, catalog, stack));
    return stack;
  }

  /**
   * The key of the component in {@code spec.components}; the capability unless a unit says
   * otherwise.
   */
  protected String component() {
    return capability();
  }

  /** The objects of the enabled component. */
  protected abstract List<HasMetadata> render(Stack stack, Component component);
}
