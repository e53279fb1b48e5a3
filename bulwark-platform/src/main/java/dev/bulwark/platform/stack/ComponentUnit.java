package dev.bulwark.platform.stack;

import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * A render unit for one platform capability: it renders nothing when the catalogue's selection
 * leaves the capability out, and otherwise the component's Applications and wiring objects.
 *
 * <p>The catalogue is loaded once, when the unit is constructed; rendering itself stays pure.
 */
public abstract class ComponentUnit implements RenderUnit {

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
    Stack stack = Stack.of(context, catalog);
    return stack.component(component()).map(c -> render(stack, c)).orElse(List.of());
  }

  /** The key of the component in {@code spec.components}; the capability unless a unit says otherwise. */
  protected String component() {
    return capability();
  }

  /** The objects of the enabled component. */
  protected abstract List<HasMetadata> render(Stack stack, Component component);
}
