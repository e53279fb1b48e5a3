package dev.bulwark.cli.delivery;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.delivery.DeliveryTarget;
import dev.bulwark.delivery.GitOpsRepository;
import dev.bulwark.delivery.PromotionStatus;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What the delivery commands share: the GitOps repository and its branch, and the spec that says
 * which environments an application runs in, how releases reach each, and who owns its tenant.
 */
public final class DeliveryOptions {

  @Option(
      names = "--repo",
      paramLabel = "URL|PATH",
      description = "The GitOps repository bulwark plan's tree is committed to (a URL or a path).")
  String repo;

  @Option(
      names = "--branch",
      paramLabel = "NAME",
      defaultValue = "main",
      description = "The branch Argo CD syncs (default: ${DEFAULT-VALUE}).")
  String branch;

  @Option(
      names = {"-f", "--spec"},
      paramLabel = "SPEC",
      description = "Spec files or directories (repeatable).")
  List<String> spec = new ArrayList<>();

  @Option(
      names = "--images",
      paramLabel = "APP=REPOSITORY",
      split = ",",
      description =
          "Image repositories of applications whose spec names none (repeatable; by default each application's spec.image without tag or digest).")
  Map<String, String> images = new LinkedHashMap<>();

  /** The loaded spec, or a {@link BadInput} listing every error. */
  BulwarkSpec load() {
    if (spec.isEmpty()) {
      throw new BadInput("--spec is required: the spec files or directories of the platform");
    }
    LoadResult result = SpecLoader.load(spec);
    if (!result.errors().isEmpty()) {
      throw new BadInput(
          String.join("\n", result.errors().stream().map(SpecError::toString).toList())
              + "\n"
              + result.errors().size()
              + " spec error(s); nothing was committed.");
    }
    return result.spec();
  }

  String repo() {
    if (repo == null) {
      throw new BadInput("--repo is required: the GitOps repository (a URL or a path)");
    }
    return repo;
  }

  /** Every application of the spec that has an image, as promotion sees it. */
  List<DeliveryTarget> targets(BulwarkSpec spec) {
    List<DeliveryTarget> targets = new ArrayList<>();
    for (Application app : spec.applications()) {
      Optional<Tenant> tenant = spec.tenant(app.getSpec().getTenant());
      Optional<String> image =
          Optional.ofNullable(images.get(app.getMetadata().getName()))
              .or(() -> imageRepository(app));
      if (tenant.isPresent() && image.isPresent()) {
        targets.add(DeliveryTarget.of(app, tenant.get(), image.get(), groupPrefix(spec)));
      }
    }
    return targets;
  }

  /** Application {@code name} (of {@code tenant}, when several tenants have one of that name). */
  static DeliveryTarget target(BulwarkSpec spec, String name, String tenant, String image) {
    List<Application> found =
        spec.applications().stream()
            .filter(a -> a.getMetadata().getName().equals(name))
            .filter(a -> tenant == null || a.getSpec().getTenant().equals(tenant))
            .toList();
    if (found.size() != 1) {
      throw new BadInput(
          found.isEmpty()
              ? "no Application `"
                  + name
                  + "` in the spec"
                  + (tenant == null ? "" : " for tenant " + tenant)
              : "Application `" + name + "` exists in several tenants; choose one with --tenant");
    }
    Application app = found.get(0);
    Tenant owner = spec.tenant(app.getSpec().getTenant()).orElseThrow();
    String repository =
        Optional.ofNullable(image)
            .or(() -> imageRepository(app))
            .orElseThrow(
                () ->
                    new BadInput(
                        "Application `"
                            + name
                            + "` names no image; pass --image with the image repository its"
                            + " kustomization entries are named after"));
    return DeliveryTarget.of(app, owner, repository, groupPrefix(spec));
  }

  /** The prefix the API server puts before OIDC group names, as the tenants' RoleBindings bind. */
  static String groupPrefix(BulwarkSpec spec) {
    return PlatformModel.from(spec.platform()).groupPrefix();
  }

  /**
   * The repository of the application's {@code spec.image}, without tag or digest: the name of its
   * kustomization {@code images:} entries. Read from the serialized spec so that this command works
   * with the image field as the API defines it.
   */
  static Optional<String> imageRepository(Application app) {
    String image = Serialization.jsonMapper().valueToTree(app.getSpec()).path("image").asText("");
    if (image.isEmpty()) {
      return Optional.empty();
    }
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = withoutDigest.lastIndexOf(':');
    return Optional.of(
        colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest);
  }

  /** Input the command cannot work with; exit code 2. */
  public static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }

  /**
   * The promotion table of the spec's applications in the repository, when {@code --repo} was
   * given: the digest each environment pins and the requests that wait for an approval.
   */
  public Optional<String> promotionTable() {
    if (repo == null) {
      return Optional.empty();
    }
    try (GitOpsRepository repository = GitOpsRepository.open(repo, branch)) {
      return Optional.of(PromotionTable.render(PromotionStatus.read(repository, targets(load()))));
    }
  }
}
