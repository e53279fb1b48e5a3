package dev.bulwark.platform.storage;

import dev.bulwark.api.v1alpha1.PlatformSpec.Provider;
import dev.bulwark.platform.distribution.Distribution;
import dev.bulwark.platform.distribution.StorageDefaults;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Storage: the default StorageClass and VolumeSnapshotClass for the cluster's CSI driver. The
 * driver comes from the distribution ({@link Distribution#storage()}), the provider, or from {@code
 * spec.components.storage.settings.provisioner} (with {@code snapshotter}, default the same driver)
 * on clusters Bulwark has no default for.
 */
public final class StorageUnit extends ComponentUnit {

  public static final String CLASS = "bulwark-default";

  private static final Map<Provider, String> DRIVERS =
      Map.of(
          Provider.AWS, "ebs.csi.aws.com",
          Provider.GCP, "pd.csi.storage.gke.io",
          Provider.AZURE, "disk.csi.azure.com",
          Provider.OPENSTACK, "cinder.csi.openstack.org");

  public StorageUnit() {}

  public StorageUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "storage";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    StorageDefaults defaults = defaults(stack, component);
    if (defaults == null) {
      // Generic and bare-metal clusters, and OpenShift, keep their own default class unless the
      // spec names a driver.
      return List.of();
    }
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        CustomResource.withWave(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(CLASS)
                .withLabels(Ownership.platform())
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner(defaults.provisioner())
                .withParameters(
                    defaults.parameters().isEmpty() ? null : new TreeMap<>(defaults.parameters()))
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("WaitForFirstConsumer")
                .withAllowVolumeExpansion(defaults.expandable())
                .build(),
            SyncWave.RESOURCES));
    defaults.snapshotter().ifPresent(driver -> objects.add(snapshotClass(driver)));
    return objects;
  }

  /**
   * The spec's own driver ({@code settings.provisioner}, {@code settings.snapshotter}) first, then
   * the distribution's default, then the provider's CSI driver; null when none applies.
   */
  private static StorageDefaults defaults(Stack stack, Component component) {
    String explicit = component.settings().get("provisioner");
    if (explicit != null) {
      return new StorageDefaults(
          explicit, Map.of(), Optional.of(component.setting("snapshotter", explicit)), true);
    }
    Distribution distribution = Distribution.of(stack.spec());
    if (distribution.storage().isPresent() || distribution.openshift()) {
      return distribution.storage().orElse(null);
    }
    String driver = DRIVERS.get(stack.spec().getProvider());
    return driver == null
        ? null
        : new StorageDefaults(
            driver, Map.of(), Optional.of(component.setting("snapshotter", driver)), true);
  }

  private static HasMetadata snapshotClass(String driver) {
    HasMetadata snapshotClass =
        CustomResource.of("snapshot.storage.k8s.io/v1", "VolumeSnapshotClass")
            .name(CLASS)
            .labels(Ownership.platform())
            .wave(SyncWave.RESOURCES)
            .annotation("snapshot.storage.kubernetes.io/is-default-class", "true")
            .field("driver", driver)
            .field("deletionPolicy", "Retain")
            .build();
    // Velero's CSI support picks the class carrying this label.
    snapshotClass.getMetadata().getLabels().put("velero.io/csi-volumesnapshot-class", "true");
    return snapshotClass;
  }
}
