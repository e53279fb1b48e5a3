package dev.bulwark.benchmarks.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.webhook.AdmissionHandler;
import dev.bulwark.policy.webhook.NamespaceLookup;
import dev.bulwark.policy.webhook.TlsContexts;
import dev.bulwark.policy.webhook.WebhookConfig;
import dev.bulwark.policy.webhook.WebhookServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Serves the webhook on 127.0.0.1 for a load generator (wrk, see run.sh), and writes the
 * AdmissionReview body the load generator posts: the typical Deployment. Stops after the given
 * number of seconds. Usage: WebhookServe CERT KEY PORT SECONDS BODY_FILE
 */
public final class WebhookServe {

  private WebhookServe() {}

  public static void main(String[] args) throws Exception {
    Path cert = Path.of(args[0]);
    Path key = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    ObjectMapper json = new ObjectMapper();
    ObjectNode review =
        (ObjectNode)
            json.readTree(
                """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "b0f5e3f4-1111-4c8e-9d6b-7c1f2a3b4c5d", "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
           "resource": {"group": "apps", "version": "v1", "resource": "deployments"}, "name": "checkout-1",
           "namespace": "team-a-prod", "operation": "CREATE", "userInfo": {"username": "ci"}, "dryRun": false}}
        """);
    review.with("request").set("object", PolicyFixtures.deployment());
    Files.writeString(Path.of(args[4]), review.toString());
    PolicyEngine engine =
        PolicyEngine.create(
            PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, PolicyFixtures.params());
    NamespaceLookup namespaces = name -> PolicyFixtures.namespace();
    WebhookConfig config =
        new WebhookConfig(
            "127.0.0.1",
            port,
            cert,
            key,
            "bulwark-system",
            WebhookConfig.FailurePolicy.FAIL,
            Duration.ofSeconds(5));
    AdmissionHandler handler =
        new AdmissionHandler(
            engine,
            namespaces,
            ExemptionFile.NONE,
            "bulwark-system",
            WebhookConfig.FailurePolicy.FAIL,
            Clock.systemUTC());
    try (WebhookServer server =
        new WebhookServer(handler, config).start(TlsContexts.server(cert, key))) {
      System.out.println("serving on " + server.port());
      Thread.sleep(seconds * 1000);
    }
  }
}
