package dev.bulwark.platform.storage;

import dev.bulwark.api.v1alpha1.PlatformSpec.Provider;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;
import java.util.Map;

/**
 * Storage: the default StorageClass and VolumeSnapshotClass for the cluster's CSI driver. The
 * driver comes from the provider, or from {@code spec.components.storage.settings.provisioner}
 * (with {@code snapshotter}, default the same driver) on clusters Bulwark has no default for.
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
    String driver =
        component.settings().getOrDefault("provisioner", DRIVERS.get(stack.spec().getProvider()));
    if (driver == null) {
      // Generic and bare-metal clusters keep their own default class unless the spec names a
      // driver.
      return List.of();
    }
    HasMetadata storageClass =
        CustomResource.withWave(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(CLASS)
                .withLabels(Ownership.platform())
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner(driver)
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("WaitForFirstConsumer")
                .withAllowVolumeExpansion(true)
                .build(),
            SyncWave.RESOURCES);
    HasMetadata snapshotClass =
        CustomResource.of("snapshot.storage.k8s.io/v1", "VolumeSnapshotClass")
            .name(CLASS)
            .labels(Ownership.platform())
            .wave(SyncWave.RESOURCES)
            .annotation("snapshot.storage.kubernetes.io/is-default-class", "true")
            // Velero's CSI support picks the class carrying this label.
            .field("driver", component.settings().getOrDefault("snapshotter", driver))
            .field("deletionPolicy", "Retain")
            .build();
    snapshotClass.getMetadata().getLabels().put("velero.io/csi-volumesnapshot-class", "true");
    return List.of(storageClass, snapshotClass);
  }
}
