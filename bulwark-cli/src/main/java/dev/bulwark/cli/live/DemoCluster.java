package dev.bulwark.cli.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.controlplane.SharedData;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The demo's cluster set-up: the CRDs the spec's objects need, and the custom resources of the spec. */
final class DemoCluster {

  private DemoCluster() {}

  /**
   * Installs Bulwark's CRDs and the upstream CRDs of every other custom kind the spec renders
   * (Gateway API, Argo CD, cert-manager, ...), taken from the shared CRD collection
   * ({@code ../shared/crds}, see {@code CRDS.tsv}); a kind without a CRD there is reported.
   */
  static void installCrds(KubernetesClient admin, BulwarkSpec spec, PrintWriter out) {
    CrdInstaller installer = new CrdInstaller(admin);
    installer.installBulwarkCrds();
    Set<String> needed = new TreeSet<>();
    List<String> constraintCrds = new java.util.ArrayList<>();
    for (DesiredObject object : Renderer.standard().render(spec).objects()) {
      GatekeeperStandIn.constraintCrd(object.object()).ifPresent(crd -> {
        admin.resource(crd).fieldManager("bulwark-demo").forceConflicts().serverSideApply();
        constraintCrds.add(crd.getMetadata().getName());
      });
      String apiVersion = object.object().getApiVersion();
      if (apiVersion.contains(".") && !apiVersion.contains(".k8s.io/") && !apiVersion.startsWith("bulwark.dev/")
          || apiVersion.startsWith("gateway.networking.k8s.io/")) {
        needed.add(apiVersion.substring(0, apiVersion.indexOf('/')) + "\t" + object.object().getKind());
      }
    }
    if (!constraintCrds.isEmpty()) {
      out.println("created " + constraintCrds.size() + " Gatekeeper constraint CRDs from the rendered ConstraintTemplates"
          + " (standing in for Gatekeeper's controller, which cannot run on a control plane without nodes)");
      installer.awaitEstablished(constraintCrds);
      needed.removeIf(kind -> kind.startsWith(GatekeeperStandIn.CONSTRAINTS + "\t"));
    }
    Optional<Path> index = SharedData.resolve("crds/CRDS.tsv");
    if (needed.isEmpty()) {
      return;
    }
    if (index.isEmpty()) {
      out.println("warning: no shared CRD collection (../shared/crds); objects of " + needed.size()
          + " custom kinds will fail until their CRDs are installed");
      return;
    }
    Set<Path> files = new TreeSet<>();
    Set<String> missing = new TreeSet<>(needed);
    for (String line : lines(index.get())) {
      String[] cols = line.split("\t");
      if (cols.length > 4 && missing.remove(cols[3] + "\t" + cols[4])) {
        files.add(index.get().getParent().resolve(cols[0]).resolve(cols[1]));
      }
    }
    out.println("installing " + files.size() + " upstream CRDs the spec's objects need");
    out.flush();
    files.forEach(installer::installFile);
    missing.forEach(kind -> out.println("warning: no CRD found for " + kind.replace('\t', ' ') + "; its objects will stay Degraded"));
  }

  /** Server-side applies one custom resource of the spec. */
  static void apply(KubernetesClient admin, HasMetadata resource) {
    admin.resource(resource).fieldManager("bulwark-demo").forceConflicts().serverSideApply();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
