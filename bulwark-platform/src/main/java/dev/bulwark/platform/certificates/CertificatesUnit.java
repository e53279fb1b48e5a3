package dev.bulwark.platform.certificates;

import dev.bulwark.platform.distribution.Distribution;
import dev.bulwark.platform.dns.DnsProvider;
import dev.bulwark.platform.dns.DnsUnit;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.PlatformModel;
import io.fabric8.certmanager.api.model.acme.v1.ACMEChallengeSolver;
import io.fabric8.certmanager.api.model.acme.v1.ACMEChallengeSolverBuilder;
import io.fabric8.certmanager.api.model.acme.v1.ACMEChallengeSolverDNS01;
import io.fabric8.certmanager.api.model.acme.v1.ACMEChallengeSolverDNS01Builder;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.certmanager.api.model.v1.ClusterIssuer;
import io.fabric8.certmanager.api.model.v1.ClusterIssuerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TLS: cert-manager and the platform's one ClusterIssuer, {@code bulwark}, that every certificate
 * of the gateway and the UIs comes from. ACME with HTTP-01 or DNS-01 challenges, or for air-gapped
 * clusters a self-signed root or the organisation's own CA.
 */
public final class CertificatesUnit extends ComponentUnit {

  public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
  static final String SELF_SIGNED_ROOT = "bulwark-selfsigned-root";
  static final String ROOT_CA_SECRET = "bulwark-root-ca";

  public CertificatesUnit() {}

  public CertificatesUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "certificates";
  }

  /** The controller's cloud identity, with which it writes DNS-01 challenge records. */
  private static Map<String, Object> certManagerIdentity(Stack stack) {
    Distribution distribution = Distribution.of(stack.spec());
    return distribution.identityValues(distribution.certificatesIdentity(), "serviceAccount");
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(PlatformObjects.namespace(component.namespace(), capability(), "restricted"));
    objects.add(
        ComponentApplication.of(stack, component, "cert-manager")
            .values(
                Values.merge(
                    Values.map(
                        "crds", Values.map("enabled", true, "keep", true),
                        "config",
                            Values.map(
                                "apiVersion",
                                "controller.config.cert-manager.io/v1alpha1",
                                "kind",
                                "ControllerConfiguration",
                                "enableGatewayAPI",
                                !nginx(stack)),
                        "prometheus",
                            Values.map(
                                "enabled",
                                stack.has("metrics"),
                                "servicemonitor",
                                Values.map("enabled", stack.has("metrics")))),
                    certManagerIdentity(stack)))
            .build());
    IssuerKind kind = IssuerKind.of(stack, component);
    switch (kind) {
      case ACME_HTTP01, ACME_DNS01 -> objects.add(acmeIssuer(stack, component, kind));
      case SELF_SIGNED -> objects.addAll(selfSignedCa(component));
      case CA -> objects.add(caIssuer(component.setting("caSecret", ROOT_CA_SECRET)));
      case EXISTING -> {
        // the spec names a ClusterIssuer someone else runs; the checks make sure it is there
      }
    }
    if (kind == IssuerKind.ACME_DNS01) {
      DnsProvider.of(stack)
          .filter(p -> p.name().equals("cloudflare") || p.name().equals("rfc2136"))
          .ifPresent(
              p ->
                  objects.addAll(
                      PlatformSecrets.copy(
                          stack,
                          p.credentialsSecret(),
                          component.namespace(),
                          "platform/dns",
                          List.of(DnsUnit.secretKey(p)))));
    }
    return objects;
  }

  private static boolean nginx(Stack stack) {
    return stack.component("gateway").map(c -> c.is("ingress-nginx")).orElse(false);
  }

  private static ClusterIssuer acmeIssuer(Stack stack, Component component, IssuerKind kind) {
    ACMEChallengeSolver solver =
        kind == IssuerKind.ACME_DNS01 ? dnsSolver(stack) : httpSolver(stack);
    return wave(
        new ClusterIssuerBuilder()
            .withNewMetadata()
            .withName(PlatformObjects.CLUSTER_ISSUER)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .withNewAcme()
            .withServer(component.setting("server", LETS_ENCRYPT))
            .withEmail(component.settings().get("email"))
            .withNewPrivateKeySecretRef()
            .withName("bulwark-acme-account")
            .endPrivateKeySecretRef()
            .withSolvers(solver)
            .endAcme()
            .endSpec()
            .build());
  }

  private static ACMEChallengeSolver httpSolver(Stack stack) {
    if (nginx(stack)) {
      return new ACMEChallengeSolverBuilder()
          .withNewHttp01()
          .withNewIngress()
          .withIngressClassName(PlatformObjects.NGINX_CLASS)
          .endIngress()
          .endHttp01()
          .build();
    }
    return new ACMEChallengeSolverBuilder()
        .withNewHttp01()
        .withNewGatewayHTTPRoute()
        .withParentRefs(
            new ParentReferenceBuilder()
                .withGroup("gateway.networking.k8s.io")
                .withKind("Gateway")
                .withName(PlatformModel.GATEWAY_NAME)
                .withNamespace(stack.platform().gatewayNamespace())
                .withSectionName("http")
                .build())
        .endGatewayHTTPRoute()
        .endHttp01()
        .build();
  }

  private static ACMEChallengeSolver dnsSolver(Stack stack) {
    DnsProvider provider =
        DnsProvider.of(stack)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "DNS-01 needs spec.components.dns.settings.provider"));
    ACMEChallengeSolverDNS01Builder dns01 = new ACMEChallengeSolverDNS01Builder();
    switch (provider.name()) {
      case "aws" ->
          dns01
              .withNewRoute53()
              .withRegion(provider.component().setting("region", "us-east-1"))
              .endRoute53();
      case "google" ->
          dns01.withNewCloudDNS().withProject(provider.setting("project")).endCloudDNS();
      case "azure" ->
          dns01
              .withNewAzureDNS()
              .withSubscriptionID(provider.setting("subscriptionID"))
              .withResourceGroupName(provider.setting("resourceGroup"))
              .withHostedZoneName(provider.zone())
              .endAzureDNS();
      case "cloudflare" ->
          dns01
              .withNewCloudflare()
              .withNewApiTokenSecretRef()
              .withName(provider.credentialsSecret())
              .withKey(DnsUnit.secretKey(provider))
              .endApiTokenSecretRef()
              .endCloudflare();
      case "rfc2136" ->
          dns01
              .withNewRfc2136()
              .withNameserver(provider.setting("nameserver"))
              .withTsigKeyName(provider.setting("tsigKeyName"))
              .withTsigAlgorithm("HMACSHA256")
              .withNewTsigSecretSecretRef()
              .withName(provider.credentialsSecret())
              .withKey(DnsUnit.secretKey(provider))
              .endTsigSecretSecretRef()
              .endRfc2136();
      default -> throw new IllegalStateException("unknown DNS provider " + provider.name());
    }
    ACMEChallengeSolverDNS01 built = dns01.build();
    return new ACMEChallengeSolverBuilder()
        .withDns01(built)
        .withNewSelector()
        .withDnsZones(provider.zone())
        .endSelector()
        .build();
  }

  /** A self-signed root, a CA certificate from it, and the platform issuer signing with that CA. */
  private static List<HasMetadata> selfSignedCa(Component component) {
    ClusterIssuer root =
        CustomResource.withWave(
            new ClusterIssuerBuilder()
                .withNewMetadata()
                .withName(SELF_SIGNED_ROOT)
                .withLabels(Ownership.platform())
                .endMetadata()
                .withNewSpec()
                .withNewSelfSigned()
                .endSelfSigned()
                .endSpec()
                .build(),
            SyncWave.ROOT_ISSUER);
    HasMetadata ca =
        CustomResource.withWave(
            new CertificateBuilder()
                .withNewMetadata()
                .withName(ROOT_CA_SECRET)
                .withNamespace(component.namespace())
                .withLabels(Ownership.platform())
                .endMetadata()
                .withNewSpec()
                .withIsCA(true)
                .withCommonName("Bulwark root CA")
                .withSecretName(ROOT_CA_SECRET)
                .withDuration(
                    new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofHours(87600)))
                .withNewPrivateKey()
                .withAlgorithm("ECDSA")
                .withSize(256)
                .endPrivateKey()
                .withNewIssuerRef()
                .withKind("ClusterIssuer")
                .withName(SELF_SIGNED_ROOT)
                .withGroup("cert-manager.io")
                .endIssuerRef()
                .endSpec()
                .build(),
            SyncWave.ROOT_CERTIFICATE);
    return List.of(root, ca, caIssuer(ROOT_CA_SECRET));
  }

  private static ClusterIssuer caIssuer(String secretName) {
    return wave(
        new ClusterIssuerBuilder()
            .withNewMetadata()
            .withName(PlatformObjects.CLUSTER_ISSUER)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .withNewCa()
            .withSecretName(secretName)
            .endCa()
            .endSpec()
            .build());
  }

  private static ClusterIssuer wave(ClusterIssuer issuer) {
    return CustomResource.withWave(issuer, SyncWave.ISSUERS);
  }
}
