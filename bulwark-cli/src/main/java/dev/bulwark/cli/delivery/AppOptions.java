package dev.bulwark.cli.delivery;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.delivery.DeliveryTarget;
import picocli.CommandLine.Option;

/** Which application a delivery command acts on, when its name or image need saying. */
public final class AppOptions {

  @Option(
      names = "--tenant",
      paramLabel = "NAME",
      description = "The application's tenant, when its name is not unique.")
  String tenant;

  @Option(
      names = "--image",
      paramLabel = "REPOSITORY",
      description =
          "The image repository (default: the application's spec.image without tag or digest).")
  String image;

  /** Application {@code app} of the spec, as promotion sees it. */
  DeliveryTarget target(BulwarkSpec spec, String app) {
    return DeliveryOptions.target(spec, app, tenant, image);
  }
}
