package dev.bulwark.cli.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.charts.Archive;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.catalog.charts.ChartFetchException;
import dev.bulwark.catalog.charts.ComponentArchives;
import dev.bulwark.catalog.charts.CrdExtractor;
import dev.bulwark.controlplane.HelmBinary;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's cluster set-up: the CRDs the spec's objects need, and the custom resources of the
 * spec.
 */
final class DemoCluster {

  /** The one-line advice after a missing chart: the two ways to provide it. */
  static final String HOW_TO_PROVIDE =
      "provide them with online access to the chart repositories,"
          + " or with --charts DIR-or-URL (or "
          + ChartArchives.MIRROR_ENV
          + ") naming a mirror (see docs/adr/0013)";

  /**
   * The upstream CRD files the spec's custom kinds need, from the catalogue's pinned charts (cache,
   * mirror or upstream), obtained and extracted before any cluster exists.
   *
   * @param files one YAML file of CRDs per component
   * @param unknownKinds custom kinds no catalogue component installs
   */
  record UpstreamCrds(List<Path> files, Set<String> unknownKinds) {}

  private DemoCluster() {}

  /**
   * Obtains the CRDs of every custom kind {@code spec} renders; a {@link ChartFetchException} names
   * what is missing.
   */
  static UpstreamCrds obtainCrds(BulwarkSpec spec, ChartArchives archives) {
    Catalogue catalogue = Catalogue.standard();
    ComponentArchives obtained = ComponentArchives.obtain(catalogue, customKinds(spec), archives);
    CrdExtractor extractor = new CrdExtractor(archives.cache(), HelmBinary.locate());
    List<Path> files = new ArrayList<>();
    for (Archive archive : obtained.archives()) {
      files.add(extractor.crdFile(archive, catalogue.require(archive.component()).namespace()));
    }
    return new UpstreamCrds(List.copyOf(files), obtained.unknownKinds());
  }

  /**
   * {@code group/Kind} of every custom kind the spec renders, except Gatekeeper's constraints (see
   * the stand-in).
   */
  static Set<String> customKinds(BulwarkSpec spec) {
    Set<String> kinds = new TreeSet<>();
    for (DesiredObject object : Renderer.standard().render(spec).objects()) {
      String apiVersion = object.object().getApiVersion();
      String group =
          apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      if (group.contains(".")
              && !group.endsWith(".k8s.io")
              && !group.equals("bulwark.dev")
              && !group.equals(GatekeeperStandIn.CONSTRAINTS)
          || group.equals("gateway.networking.k8s.io")) {
        kinds.add(group + "/" + object.object().getKind());
      }
    }
    return kinds;
  }

  /**
   * Installs Bulwark's CRDs, the Gatekeeper constraint CRDs the rendered ConstraintTemplates
   * define, and the upstream CRDs obtained by {@link #obtainCrds}.
   */
  static void installCrds(
      KubernetesClient admin, BulwarkSpec spec, UpstreamCrds upstream, PrintWriter out) {
    CrdInstaller installer = new CrdInstaller(admin);
    installer.installBulwarkCrds();
    List<String> constraintCrds = new ArrayList<>();
    for (DesiredObject object : Renderer.standard().render(spec).objects()) {
      GatekeeperStandIn.constraintCrd(object.object())
          .ifPresent(
              crd -> {
                admin.resource(crd).fieldManager("bulwark-demo").forceConflicts().serverSideApply();
                constraintCrds.add(crd.getMetadata().getName());
              });
    }
    if (!constraintCrds.isEmpty()) {
      out.println(
          "created "
              + constraintCrds.size()
              + " Gatekeeper constraint CRDs from the rendered ConstraintTemplates"
              + " (standing in for Gatekeeper's controller, which cannot run on a control plane without nodes)");
      installer.awaitEstablished(constraintCrds);
    }
    installUpstream(installer, upstream, out);
  }

  /** Installs the upstream CRDs obtained by {@link #obtainCrds} and waits until they are served. */
  static void installUpstream(CrdInstaller installer, UpstreamCrds upstream, PrintWriter out) {
    List<String> names = new ArrayList<>();
    upstream.files().forEach(file -> names.addAll(installer.installFile(file)));
    out.println(
        "installed "
            + names.size()
            + " upstream CRDs from the pinned charts of "
            + upstream.files().size()
            + " components");
    out.flush();
    installer.awaitEstablished(names);
    upstream
        .unknownKinds()
        .forEach(
            kind ->
                out.println(
                    "warning: no catalogue component installs "
                        + kind
                        + "; its objects will stay Degraded"));
  }

  /** Server-side applies one custom resource of the spec. */
  static void apply(KubernetesClient admin, HasMetadata resource) {
    admin.resource(resource).fieldManager("bulwark-demo").forceConflicts().serverSideApply();
  }
}
