package dev.bulwark.benchmarks.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.policy.engine.AdmissionInput;
import java.util.Map;

/** The objects the policy benchmarks evaluate: what a tenant typically deploys. */
final class PolicyFixtures {

  /**
   * A typical application Deployment: one container, probes, resources, env, restricted-compliant.
   */
  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: checkout-%1$d
        namespace: team-a-prod
        labels: {bulwark.dev/tenant: team-a, app.kubernetes.io/name: checkout-%1$d, app.kubernetes.io/version: "1.4.2"}
      spec:
        replicas: 3
        selector: {matchLabels: {app.kubernetes.io/name: checkout-%1$d}}
        template:
          metadata:
            labels: {app.kubernetes.io/name: checkout-%1$d}
            annotations: {prometheus.io/scrape: "true"}
          spec:
            automountServiceAccountToken: false
            securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
            containers:
              - name: app
                image: registry.acme.example.com/team-a/checkout:1.4.2@sha256:4b5d2f0c7a1e9b3d8c6f2a0e4b7d1c9f3a5e8b2d6c0f4a7e1b9d3c5f8a2e6b0d
                ports: [{name: http, containerPort: 8080}]
                env:
                  - {name: LOG_LEVEL, value: info}
                  - {name: DATABASE_HOST, value: checkout-db-rw.team-a-prod.svc}
                  - name: DATABASE_PASSWORD
                    valueFrom: {secretKeyRef: {name: checkout-db-app, key: password}}
                resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 512Mi}}
                readinessProbe: {httpGet: {path: /ready, port: http}}
                livenessProbe: {httpGet: {path: /live, port: http}}
                securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
                volumeMounts: [{name: tmp, mountPath: /tmp}]
            volumes: [{name: tmp, emptyDir: {}}]
      """;

  static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: checkout-%1$d
        namespace: team-a-prod
        labels: {bulwark.dev/tenant: team-a, app.kubernetes.io/name: checkout-%1$d}
      spec:
        type: ClusterIP
        selector: {app.kubernetes.io/name: checkout-%1$d}
        ports: [{name: http, port: 80, targetPort: http}]
      """;

  static final String CONFIG_MAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: checkout-%1$d, namespace: team-a-prod, labels: {bulwark.dev/tenant: team-a}}
      data:
        LOG_FORMAT: json
        FEATURE_FLAGS: "new-cart,express-checkout"
        PAYMENT_GATEWAY_URL: https://payments.internal.acme.example.com/v2
      """;

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private PolicyFixtures() {}

  static JsonNode deployment() {
    try {
      return YAML.readTree(DEPLOYMENT.formatted(1));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode namespace() {
    return AdmissionInput.namespace(
        "team-a-prod",
        "restricted",
        "latest",
        Map.of("bulwark.dev/tenant", "team-a", "bulwark.dev/environment", "prod"));
  }

  /** The platform parameters of the fixtures' platform. */
  static Map<String, Object> params() {
    return Map.of("platformRegistry", "registry.acme.example.com", "domain", "acme.example.com");
  }
}
