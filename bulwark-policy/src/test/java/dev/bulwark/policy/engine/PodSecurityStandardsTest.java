package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pass and fail cases of every Pod Security Standards control, written from the standard, at each
 * version where the control changed. Each case overlays the pod spec of a pod that passes
 * restricted, so that one change is the only thing under test.
 */
public class PodSecurityStandardsTest {

  public static final String BASE =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app, namespace: team-a-dev}
      spec:
        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        containers:
          - name: app
            image: registry.bulwark.example/team-a/app:1.0
            securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
      """;

  static final String C =
      "{name: app, image: 'registry.bulwark.example/a:1', securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}";

  public static Stream<Arguments> cases() {
    return Stream.of(
        // HostProcess
        c(
            "pss-host-process",
            "baseline",
            "latest",
            false,
            "{securityContext: {runAsNonRoot: true, windowsOptions: {hostProcess: true}}}"),
        c(
            "pss-host-process",
            "baseline",
            "latest",
            false,
            "{containers: [" + C + ", windowsOptions: {hostProcess: true}}}]}"),
        c(
            "pss-host-process",
            "baseline",
            "latest",
            true,
            "{securityContext: {runAsNonRoot: true, windowsOptions: {hostProcess: false}}}"),
        // Host namespaces
        c("pss-host-namespaces", "baseline", "v1.0", false, "{hostNetwork: true}"),
        c("pss-host-namespaces", "baseline", "latest", false, "{hostPID: true}"),
        c("pss-host-namespaces", "baseline", "latest", false, "{hostIPC: true}"),
        c(
            "pss-host-namespaces",
            "baseline",
            "latest",
            true,
            "{hostNetwork: false, hostPID: false, hostIPC: false}"),
        // Privileged
        c(
            "pss-privileged",
            "baseline",
            "latest",
            false,
            "{initContainers: [" + C + ", privileged: true}}]}"),
        c(
            "pss-privileged",
            "baseline",
            "latest",
            false,
            "{ephemeralContainers: [" + C + ", privileged: true}}]}"),
        c(
            "pss-privileged",
            "baseline",
            "latest",
            true,
            "{containers: [" + C + ", privileged: false}}]}"),
        // Capabilities (baseline), overridden by the restricted control in restricted namespaces
        // from v1.22
        c(
            "pss-capabilities-baseline",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}"),
        c(
            "pss-capabilities-baseline",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {capabilities: {add: [NET_RAW]}}}]}"),
        c(
            "pss-capabilities-baseline",
            "baseline",
            "latest",
            true,
            "{containers: [{name: a, image: i, securityContext: {capabilities: {add: [CHOWN, NET_BIND_SERVICE, SYS_CHROOT]}}}]}"),
        c(
            "pss-capabilities-baseline",
            "restricted",
            "v1.21",
            false,
            "{containers: [{name: a, image: i, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}"),
        c(
            "pss-capabilities-baseline",
            "restricted",
            "v1.22",
            true,
            "{containers: [{name: a, image: i, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}"),
        // HostPath volumes, covered by volume types in restricted namespaces
        c(
            "pss-host-path-volumes",
            "baseline",
            "latest",
            false,
            "{volumes: [{name: host, hostPath: {path: /etc}}]}"),
        c(
            "pss-host-path-volumes",
            "baseline",
            "latest",
            true,
            "{volumes: [{name: data, emptyDir: {}}]}"),
        c(
            "pss-host-path-volumes",
            "restricted",
            "latest",
            true,
            "{volumes: [{name: host, hostPath: {path: /etc}}]}"),
        // Host ports
        c(
            "pss-host-ports",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 8080}]}]}"),
        c(
            "pss-host-ports",
            "baseline",
            "latest",
            false,
            "{initContainers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 80}]}]}"),
        c(
            "pss-host-ports",
            "baseline",
            "latest",
            true,
            "{containers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 0}]}]}"),
        // Host probes and lifecycle hooks: from v1.34
        c(
            "pss-host-probes",
            "baseline",
            "v1.33",
            true,
            "{containers: [{name: a, image: i, livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}}]}"),
        c(
            "pss-host-probes",
            "baseline",
            "v1.34",
            false,
            "{containers: [{name: a, image: i, livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}}]}"),
        c(
            "pss-host-probes",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, readinessProbe: {tcpSocket: {host: example.com, port: 80}}}]}"),
        c(
            "pss-host-probes",
            "baseline",
            "latest",
            false,
            "{initContainers: [{name: a, image: i, lifecycle: {preStop: {httpGet: {host: x, port: 80}}}}]}"),
        c(
            "pss-host-probes",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, lifecycle: {postStart: {tcpSocket: {host: x, port: 80}}}}]}"),
        c(
            "pss-host-probes",
            "baseline",
            "latest",
            true,
            "{containers: [{name: a, image: i, startupProbe: {httpGet: {host: '', port: 80}}, livenessProbe: {httpGet: {port: 80}}}]}"),
        // AppArmor: fields and legacy annotations
        c(
            "pss-apparmor",
            "baseline",
            "latest",
            false,
            "{securityContext: {appArmorProfile: {type: Unconfined}}}"),
        c(
            "pss-apparmor",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {appArmorProfile: {type: Unconfined}}}]}"),
        c(
            "pss-apparmor",
            "baseline",
            "latest",
            true,
            "{securityContext: {appArmorProfile: {type: RuntimeDefault}}, containers: [{name: a, image: i, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: p}}}]}"),
        // SELinux: container_engine_t from v1.31
        c(
            "pss-selinux",
            "baseline",
            "latest",
            false,
            "{securityContext: {seLinuxOptions: {type: spc_t}}}"),
        c(
            "pss-selinux",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {seLinuxOptions: {user: system_u}}}]}"),
        c(
            "pss-selinux",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {seLinuxOptions: {role: system_r}}}]}"),
        c(
            "pss-selinux",
            "baseline",
            "latest",
            true,
            "{securityContext: {seLinuxOptions: {type: container_t, level: 's0:c123,c456'}}}"),
        c(
            "pss-selinux",
            "baseline",
            "v1.30",
            false,
            "{securityContext: {seLinuxOptions: {type: container_engine_t}}}"),
        c(
            "pss-selinux",
            "baseline",
            "v1.31",
            true,
            "{securityContext: {seLinuxOptions: {type: container_engine_t}}}"),
        // /proc mount: user-namespace relaxation in baseline from v1.35, never in restricted
        c(
            "pss-proc-mount",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {procMount: Unmasked}}]}"),
        c(
            "pss-proc-mount",
            "baseline",
            "latest",
            true,
            "{containers: [{name: a, image: i, securityContext: {procMount: Default}}]}"),
        c(
            "pss-proc-mount",
            "baseline",
            "v1.34",
            false,
            "{hostUsers: false, containers: [{name: a, image: i, securityContext: {procMount: Unmasked}}]}"),
        c(
            "pss-proc-mount",
            "baseline",
            "v1.35",
            true,
            "{hostUsers: false, containers: [{name: a, image: i, securityContext: {procMount: Unmasked}}]}"),
        c(
            "pss-proc-mount",
            "restricted",
            "v1.35",
            false,
            "{hostUsers: false, containers: [{name: a, image: i, securityContext: {procMount: Unmasked}}]}"),
        // Seccomp (baseline): annotations before v1.19, fields from v1.19
        c(
            "pss-seccomp-baseline",
            "baseline",
            "v1.18",
            true,
            "{securityContext: {seccompProfile: {type: Unconfined}}}"),
        c(
            "pss-seccomp-baseline",
            "baseline",
            "v1.19",
            false,
            "{securityContext: {seccompProfile: {type: Unconfined}}}"),
        c(
            "pss-seccomp-baseline",
            "baseline",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {seccompProfile: {type: Unconfined}}}]}"),
        c(
            "pss-seccomp-baseline",
            "baseline",
            "latest",
            true,
            "{containers: [{name: a, image: i, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}]}"),
        c(
            "pss-seccomp-baseline",
            "restricted",
            "v1.19",
            true,
            "{securityContext: {seccompProfile: {type: Unconfined}}, os: {name: windows}}"),
        // Sysctls: the safe set grows at v1.27, v1.29, v1.32 and v1.37
        c(
            "pss-sysctls",
            "baseline",
            "latest",
            false,
            "{securityContext: {sysctls: [{name: kernel.msgmax, value: '65536'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.0",
            true,
            "{securityContext: {sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: '0'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.26",
            false,
            "{securityContext: {sysctls: [{name: net.ipv4.ip_local_reserved_ports, value: '8000'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.27",
            true,
            "{securityContext: {sysctls: [{name: net.ipv4.ip_local_reserved_ports, value: '8000'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.28",
            false,
            "{securityContext: {sysctls: [{name: net.ipv4.tcp_keepalive_time, value: '60'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.29",
            true,
            "{securityContext: {sysctls: [{name: net.ipv4.tcp_keepalive_probes, value: '3'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.31",
            false,
            "{securityContext: {sysctls: [{name: net.ipv4.tcp_rmem, value: '4096 87380 16777216'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.32",
            true,
            "{securityContext: {sysctls: [{name: net.ipv4.tcp_wmem, value: '4096 87380 16777216'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.36",
            false,
            "{securityContext: {sysctls: [{name: net.ipv4.tcp_slow_start_after_idle, value: '0'}]}}"),
        c(
            "pss-sysctls",
            "baseline",
            "v1.37",
            true,
            "{securityContext: {sysctls: [{name: net.ipv4.tcp_notsent_lowat, value: '16384'}]}}"),
        // Volume types
        c(
            "pss-volume-types",
            "restricted",
            "latest",
            false,
            "{volumes: [{name: n, nfs: {server: s, path: /}}]}"),
        c(
            "pss-volume-types",
            "restricted",
            "latest",
            false,
            "{volumes: [{name: h, hostPath: {path: /}}]}"),
        // the API server defaults a volume that names no source to an emptyDir
        c("pss-volume-types", "restricted", "latest", true, "{volumes: [{name: plain}]}"),
        c(
            "pss-volume-types",
            "restricted",
            "v1.0",
            false,
            "{volumes: [{name: plain}, {name: s, storageos: {volumeName: v}}]}"),
        c(
            "pss-volume-types",
            "restricted",
            "v1.0",
            false,
            "{volumes: [{name: g, gitRepo: {repository: r}}]}"),
        c(
            "pss-volume-types",
            "restricted",
            "latest",
            true,
            "{volumes: [{name: a, configMap: {name: c}}, {name: b, image: {reference: 'r/x:1'}}, {name: c, ephemeral: {volumeClaimTemplate: {spec: {}}}}, {name: d, projected: {sources: []}}]}"),
        // Privilege escalation: from v1.8; Windows pods exempt from v1.25
        c(
            "pss-privilege-escalation",
            "restricted",
            "v1.7",
            true,
            "{containers: [{name: a, image: i}]}"),
        c(
            "pss-privilege-escalation",
            "restricted",
            "v1.8",
            false,
            "{containers: [{name: a, image: i}]}"),
        c(
            "pss-privilege-escalation",
            "restricted",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {allowPrivilegeEscalation: true}}]}"),
        c(
            "pss-privilege-escalation",
            "restricted",
            "v1.24",
            false,
            "{os: {name: windows}, containers: [{name: a, image: i}]}"),
        c(
            "pss-privilege-escalation",
            "restricted",
            "v1.25",
            true,
            "{os: {name: windows}, containers: [{name: a, image: i}]}"),
        // runAsNonRoot: user-namespace pods exempt from v1.35
        c(
            "pss-run-as-non-root",
            "restricted",
            "v1.0",
            false,
            "{securityContext: {runAsNonRoot: null}}"),
        c(
            "pss-run-as-non-root",
            "restricted",
            "latest",
            false,
            "{containers: [" + C + ", runAsNonRoot: false}}]}"),
        c(
            "pss-run-as-non-root",
            "restricted",
            "latest",
            true,
            "{securityContext: {}, containers: [" + C + ", runAsNonRoot: true}}]}"),
        c(
            "pss-run-as-non-root",
            "restricted",
            "v1.34",
            false,
            "{hostUsers: false, securityContext: {runAsNonRoot: null}}"),
        c(
            "pss-run-as-non-root",
            "restricted",
            "v1.35",
            true,
            "{hostUsers: false, securityContext: {runAsNonRoot: null}}"),
        // runAsUser: from v1.23; user-namespace pods exempt from v1.35
        c(
            "pss-run-as-user",
            "restricted",
            "v1.22",
            true,
            "{securityContext: {runAsNonRoot: true, runAsUser: 0}}"),
        c(
            "pss-run-as-user",
            "restricted",
            "v1.23",
            false,
            "{securityContext: {runAsNonRoot: true, runAsUser: 0}}"),
        c(
            "pss-run-as-user",
            "restricted",
            "latest",
            false,
            "{containers: [" + C + ", runAsUser: 0}}]}"),
        c(
            "pss-run-as-user",
            "restricted",
            "latest",
            true,
            "{securityContext: {runAsNonRoot: true, runAsUser: 1000}}"),
        c(
            "pss-run-as-user",
            "restricted",
            "v1.35",
            true,
            "{hostUsers: false, securityContext: {runAsUser: 0}}"),
        // Seccomp (restricted): from v1.19; Windows pods exempt from v1.25
        c(
            "pss-seccomp-restricted",
            "restricted",
            "v1.18",
            true,
            "{securityContext: {seccompProfile: null}}"),
        c(
            "pss-seccomp-restricted",
            "restricted",
            "v1.19",
            false,
            "{securityContext: {seccompProfile: null}}"),
        c(
            "pss-seccomp-restricted",
            "restricted",
            "latest",
            true,
            "{securityContext: {seccompProfile: null}, containers: ["
                + C
                + ", seccompProfile: {type: RuntimeDefault}}}]}"),
        c(
            "pss-seccomp-restricted",
            "restricted",
            "latest",
            false,
            "{securityContext: {seccompProfile: {type: Unconfined}}}"),
        c(
            "pss-seccomp-restricted",
            "restricted",
            "latest",
            false,
            "{containers: [" + C + ", seccompProfile: {type: Unconfined}}}]}"),
        c(
            "pss-seccomp-restricted",
            "restricted",
            "v1.24",
            false,
            "{os: {name: windows}, securityContext: {seccompProfile: null}}"),
        c(
            "pss-seccomp-restricted",
            "restricted",
            "v1.25",
            true,
            "{os: {name: windows}, securityContext: {seccompProfile: null}}"),
        // Capabilities (restricted): from v1.22; Windows pods exempt from v1.25
        c(
            "pss-capabilities-restricted",
            "restricted",
            "v1.21",
            true,
            "{containers: [{name: a, image: i, securityContext: {allowPrivilegeEscalation: false}}]}"),
        c(
            "pss-capabilities-restricted",
            "restricted",
            "v1.22",
            false,
            "{containers: [{name: a, image: i, securityContext: {allowPrivilegeEscalation: false}}]}"),
        c(
            "pss-capabilities-restricted",
            "restricted",
            "latest",
            true,
            "{containers: [{name: a, image: i, securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}}]}"),
        c(
            "pss-capabilities-restricted",
            "restricted",
            "latest",
            false,
            "{containers: [{name: a, image: i, securityContext: {capabilities: {drop: [ALL], add: [CHOWN]}}}]}"),
        c(
            "pss-capabilities-restricted",
            "restricted",
            "v1.25",
            true,
            "{os: {name: windows}, containers: [{name: a, image: i, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}"));
  }

  static Arguments c(
      String policy, String level, String version, boolean passes, String specOverlay) {
    return Arguments.of(policy, level, version, passes, specOverlay);
  }

  @ParameterizedTest(name = "{0} {1}/{2} passes={3}: {4}")
  @MethodSource("cases")
  void controlAgreesWithTheStandard(
      String policy, String level, String version, boolean passes, String overlay) {
    ObjectNode pod = Fixtures.yaml(BASE);
    merge((ObjectNode) pod.get("spec"), Fixtures.yaml(overlay));
    List<Finding> findings = Fixtures.findings(policy, pod, level, version);
    assertThat(findings)
        .as("findings of %s", policy)
        .allSatisfy(f -> assertThat(f.error()).as(f.message()).isFalse());
    if (passes) {
      assertThat(findings).isEmpty();
    } else {
      assertThat(findings).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloads")
  void podTemplatesOfEveryWorkloadKindAreChecked(String kind, String yaml) {
    List<Finding> findings =
        Fixtures.findings("pss-host-namespaces", Fixtures.yaml(yaml), "baseline", "latest");
    assertThat(findings)
        .as(kind)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("hostNetwork=true"));
  }

  static Stream<Arguments> workloads() {
    String template =
        "template: {metadata: {labels: {app: a}}, spec: {hostNetwork: true, containers: [{name: a, image: i}]}}";
    return Stream.of(
        Arguments.of(
            "Deployment",
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {"
                + template
                + "}}"),
        Arguments.of(
            "StatefulSet",
            "{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: d}, spec: {"
                + template
                + "}}"),
        Arguments.of(
            "DaemonSet",
            "{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d}, spec: {"
                + template
                + "}}"),
        Arguments.of(
            "ReplicaSet",
            "{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: d}, spec: {"
                + template
                + "}}"),
        Arguments.of(
            "ReplicationController",
            "{apiVersion: v1, kind: ReplicationController, metadata: {name: d}, spec: {"
                + template
                + "}}"),
        Arguments.of(
            "Job",
            "{apiVersion: batch/v1, kind: Job, metadata: {name: d}, spec: {" + template + "}}"),
        Arguments.of(
            "CronJob",
            "{apiVersion: batch/v1, kind: CronJob, metadata: {name: d}, spec: {schedule: '@daily', jobTemplate: {spec: {"
                + template
                + "}}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("annotationCases")
  void legacyAnnotationsAreReadFromThePodTemplate(
      String policy, String version, boolean passes, String annotations) {
    ObjectNode deployment =
        Fixtures.yaml(
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {metadata: {annotations: "
                + annotations
                + "}, spec: {containers: [{name: a, image: i}]}}}}");
    assertThat(Fixtures.findings(policy, deployment, "baseline", version).isEmpty())
        .isEqualTo(passes);
  }

  static Stream<Arguments> annotationCases() {
    return Stream.of(
        Arguments.of(
            "pss-apparmor",
            "latest",
            false,
            "{container.apparmor.security.beta.kubernetes.io/a: unconfined}"),
        Arguments.of(
            "pss-apparmor",
            "latest",
            true,
            "{container.apparmor.security.beta.kubernetes.io/a: runtime/default}"),
        Arguments.of(
            "pss-apparmor",
            "latest",
            true,
            "{container.apparmor.security.beta.kubernetes.io/a: localhost/custom}"),
        Arguments.of(
            "pss-seccomp-baseline",
            "v1.18",
            false,
            "{seccomp.security.alpha.kubernetes.io/pod: unconfined}"),
        Arguments.of(
            "pss-seccomp-baseline",
            "v1.18",
            false,
            "{container.seccomp.security.alpha.kubernetes.io/a: unconfined}"),
        Arguments.of(
            "pss-seccomp-baseline",
            "v1.18",
            true,
            "{seccomp.security.alpha.kubernetes.io/pod: runtime/default}"),
        Arguments.of(
            "pss-seccomp-baseline",
            "v1.19",
            true,
            "{seccomp.security.alpha.kubernetes.io/pod: unconfined}"));
  }

  @org.junit.jupiter.api.Test
  void theBasePodPassesRestrictedAtEveryVersion() {
    for (int minor = 0; minor <= 37; minor++) {
      List<Finding> findings =
          Fixtures.engine()
              .evaluate(
                  AdmissionInput.create(
                      Fixtures.yaml(BASE),
                      AdmissionInput.namespace(
                          "team-a-dev", "restricted", "v1." + minor, Map.of())));
      assertThat(findings.stream().filter(f -> f.policy().isPss())).as("v1.%d", minor).isEmpty();
    }
  }

  /** Deep-merges {@code overlay} into {@code target}; lists and scalars replace. */
  public static void merge(ObjectNode target, JsonNode overlay) {
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }
}
