package dev.bulwark.spec;

import static dev.bulwark.spec.SpecFixtures.assertErrors;
import static dev.bulwark.spec.SpecFixtures.loadWith;
import static dev.bulwark.spec.SpecFixtures.loadWithout;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each check across documents, with the file and line it reports. */
class SpecLoaderCrossTest {

  private static String tenant(String name, String environments) {
    return "apiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata:\n  name: "
        + name
        + "\nspec:\n  environments:\n"
        + environments;
  }

  private static String app(String name, String spec) {
    return "apiVersion: bulwark.dev/v1alpha1\nkind: Application\nmetadata:\n  name: "
        + name
        + "\nspec:\n"
        + spec
        // Last, so that the lines the tests name stay where they were.
        + "  image: harbor.acme.example.com/web/"
        + name
        + ":1.0.0\n";
  }

  @Test
  void aSpecWithoutAPlatformIsAnError() {
    assertErrors(
        loadWithout("platform.yaml"),
        "no Platform: a spec needs exactly one document of kind Platform (bulwark.dev/v1alpha1)");
  }

  @Test
  void aSecondPlatformIsAnError() {
    assertErrors(
        loadWith("second.yaml", SpecFixtures.PLATFORM.replace("name: acme", "name: beta")),
        "second.yaml:1:1: a second Platform `beta`: a spec has exactly one Platform, and `acme` is defined at"
            + " platform.yaml:1:1");
  }

  @Test
  void anInvalidPlatformStillCountsAsThePlatform() {
    LoadResult result =
        loadWith("platform.yaml", SpecFixtures.PLATFORM.replace("domain", "domian"));
    assertThat(SpecFixtures.rendered(result))
        .containsExactly(
            "platform.yaml:5:1: spec.domain: required field is missing; expected string",
            "platform.yaml:6:3: spec.domian: unknown field `domian`, did you mean `domain`?");
  }

  @Test
  void tenantNamesAreUnique() {
    assertErrors(
        loadWith("bad.yaml", tenant("web", "    - name: qa\n")),
        "bad.yaml:4:9: metadata.name: duplicate Tenant `web`: tenant names are unique, and one is already defined at"
            + " tenants.yaml:1:1");
  }

  @Test
  void applicationNamesAreUniquePerTenant() {
    assertErrors(
        loadWith("bad.yaml", app("shop", "  tenant: web\n")),
        "bad.yaml:4:9: metadata.name: duplicate Application `shop` in tenant `web`: one is already defined at"
            + " applications.yaml:4:9");
    assertThat(loadWith("other.yaml", app("shop", "  tenant: data\n")).ok())
        .as("another tenant may reuse it")
        .isTrue();
  }

  @Test
  void anApplicationNamingAnUnknownTenant() {
    assertErrors(
        loadWith("bad.yaml", app("api", "  tenant: wbe\n")),
        "bad.yaml:6:11: spec.tenant: unknown tenant `wbe`; expected one of data, web; did you mean `web`?");
  }

  @Test
  void aTenantThatFailedItsOwnChecksIsNotUnknown() {
    var files = SpecFixtures.base();
    files.put("ops.yaml", tenant("ops", "    - name: Dev\n"));
    files.put("api.yaml", app("api", "  tenant: ops\n"));
    assertThat(SpecFixtures.rendered(SpecLoader.loadStrings(files)))
        .singleElement()
        .asString()
        .startsWith("ops.yaml:7:13: spec.environments[0].name: expected a string matching");
  }

  @Test
  void anApplicationEnvironmentTheTenantDoesNotHave() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app("api", "  tenant: web\n  environments:\n    - name: dev\n    - name: prd\n")),
        "bad.yaml:9:13: spec.environments[1].name: tenant `web` has no environment `prd`; expected one of dev, prod;"
            + " did you mean `prod`?");
  }

  @Test
  void aHostInAnEnvironmentTheTenantDoesNotHave() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          ports: [{name: http, port: 80}]
          hosts:
            - host: api.acme.example.com
              environment: staging
        """)),
        "bad.yaml:10:20: spec.hosts[0].environment: tenant `web` has no environment `staging`; expected one of dev,"
            + " prod");
  }

  @Test
  void aHostInAnEnvironmentTheApplicationDoesNotRunIn() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          environments: [{name: dev}]
          ports: [{name: http, port: 80}]
          hosts:
            - host: api.acme.example.com
              environment: prod
        """)),
        "bad.yaml:11:20: spec.hosts[0].environment: the application does not run in environment `prod`; expected one"
            + " of its spec.environments: dev");
  }

  @Test
  void hostsLiveUnderThePlatformDomain() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          ports: [{name: http, port: 80}]
          hosts:
            - host: api.example.org
              environment: prod
            - host: acme.example.com
              environment: prod
        """)),
        "bad.yaml:9:13: spec.hosts[0].host: host `api.example.org` is not under the platform's domain"
            + " `acme.example.com`; expected a name ending in .acme.example.com",
        "bad.yaml:11:13: spec.hosts[1].host: host `acme.example.com` is not under the platform's domain"
            + " `acme.example.com`; expected a name ending in .acme.example.com");
  }

  @Test
  void twoApplicationsClaimingTheSameHostAndPath() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: data
          ports: [{name: http, port: 80}]
          hosts:
            - host: shop.acme.example.com
              environment: dev
            - host: shop.acme.example.com
              environment: dev
              path: /api
        """)),
        "bad.yaml:9:13: spec.hosts[0].host: host `shop.acme.example.com` with path `/` is already claimed by"
            + " Application web/shop at applications.yaml:17:13");
  }

  @Test
  void oneApplicationClaimingAHostTwice() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          ports: [{name: http, port: 80}]
          hosts:
            - host: api.acme.example.com
              environment: prod
            - host: api.acme.example.com
              environment: dev
        """)),
        "bad.yaml:11:13: spec.hosts[1].host: host `api.acme.example.com` with path `/` is already claimed by"
            + " Application web/api at bad.yaml:9:13");
  }

  @Test
  void aHostNamingAnUndeclaredPort() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          ports: [{name: http, port: 80}, {name: metrics, port: 9090}]
          hosts:
            - host: api.acme.example.com
              environment: prod
              port: htp
        """)),
        "bad.yaml:11:13: spec.hosts[0].port: no port named `htp` in spec.ports; expected one of http, metrics; did you"
            + " mean `http`?");
  }

  @Test
  void aHostNeedsAPortAtAll() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          hosts:
            - host: api.acme.example.com
              environment: prod
        """)),
        "bad.yaml:8:7: spec.hosts[0]: a host needs a port to route to, but spec.ports is empty");
  }

  @Test
  void portsAndEnvironmentsAreUnique() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          environments: [{name: dev}, {name: dev}]
          ports: [{name: http, port: 80}, {name: http, port: 80}]
        """)),
        "bad.yaml:7:38: spec.environments[1].name: duplicate environment `dev`: already listed at spec.environments[0]",
        "bad.yaml:8:42: spec.ports[1].name: duplicate port name `http`",
        "bad.yaml:8:54: spec.ports[1].port: duplicate port 80: already declared at spec.ports[0]");
  }

  @Test
  void promotionOnTheFirstEnvironmentIsRefusedAndAnUnknownModeNamesTheChoices() {
    assertErrors(
        loadWith(
            "bad.yaml",
            app(
                "api",
                """
          tenant: web
          environments:
            - {name: dev, promotion: auto}
            - {name: prod, promotion: manual}
        """)),
        "bad.yaml:8:30: spec.environments[0].promotion: `dev` is the application's first environment: a release starts there, nothing is promoted into it; remove promotion here and set it on a later environment");
    assertThat(
            loadWith(
                    "bad.yaml",
                    app(
                        "api",
                        """
          tenant: web
          environments: [{name: dev}, {name: prod, promotion: sometimes}]
        """))
                .errors())
        .singleElement()
        .asString()
        .contains("spec.environments[1].promotion")
        .contains("auto")
        .contains("manual");
  }

  @Test
  void tenantEnvironmentsAreUnique() {
    assertErrors(
        loadWith("bad.yaml", tenant("ops", "    - name: dev\n    - name: dev\n")),
        "bad.yaml:8:13: spec.environments[1].name: duplicate environment `dev`: already defined at spec.environments[0]");
  }

  @Test
  void environmentNamespacesMustNotBeSystemNamespaces() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            tenant(
                "ops",
                """
            - name: a
              namespace: kube-system
            - name: b
              namespace: default
            - name: c
              namespace: bulwark-gateway
            - name: d
              namespace: bulwark-extra
        """));
    assertErrors(
        result,
        "bad.yaml:8:18: spec.environments[0].namespace: namespace `kube-system` is reserved: kube-* namespaces belong"
            + " to Kubernetes",
        "bad.yaml:10:18: spec.environments[1].namespace: namespace `default` is reserved: it is Kubernetes' default"
            + " namespace",
        "bad.yaml:12:18: spec.environments[2].namespace: namespace `bulwark-gateway` is reserved: it is the platform's"
            + " spec.gatewayNamespace (Platform `acme`)",
        "bad.yaml:14:18: spec.environments[3].namespace: namespace `bulwark-extra` is reserved: bulwark-* namespaces"
            + " are reserved for the platform");
  }

  @Test
  void theDefaultNamespaceOfAnEnvironmentIsCheckedToo() {
    assertErrors(
        loadWith("bad.yaml", tenant("kube", "    - name: dev\n")),
        "bad.yaml:7:13: spec.environments[0].name: the environment's namespace `kube-dev` (<tenant>-<environment>; set"
            + " spec.environments[0].namespace to choose another) is reserved: kube-* namespaces belong to Kubernetes");
  }

  @Test
  void thePlatformsOwnNamespacesFollowItsSpec() {
    String platform = SpecFixtures.PLATFORM + "  monitoringNamespace: observability\n";
    var files = SpecFixtures.base();
    files.put("platform.yaml", platform);
    files.put("bad.yaml", tenant("ops", "    - name: dev\n      namespace: observability\n"));
    assertErrors(
        SpecLoader.loadStrings(files),
        "bad.yaml:8:18: spec.environments[0].namespace: namespace `observability` is reserved: it is the platform's"
            + " spec.monitoringNamespace (Platform `acme`)");
  }

  @Test
  void twoTenantsSharingANamespace() {
    assertErrors(
        loadWith("bad.yaml", tenant("ops", "    - name: dev\n      namespace: web-prod\n")),
        "bad.yaml:8:18: spec.environments[0].namespace: namespace `web-prod` is already the namespace of tenant `web`"
            + " environment `prod` at tenants.yaml:8:13");
  }

  @Test
  void anApplicationNamespaceMustBeOneOfItsTenants() {
    LoadResult result =
        loadWith(
            "applications.yaml",
            SpecFixtures.APPLICATIONS.replace("namespace: web-dev", "namespace: data-development"));
    assertErrors(
        result,
        "applications.yaml:5:14: metadata.namespace: expected one of the namespaces of tenant `web`"
            + " (web-dev, web-prod) or none, found `data-development`");
  }

  @Test
  void egressCidrsMustParse() {
    assertErrors(
        loadWith(
            "bad.yaml",
            tenant(
                "ops",
                """
            - name: dev
          network:
            egressCIDRs: [10.0.0.0/8, 10.0.0.1/8, 300.0.0.0/8, 2001:db8::/32, example.com]
        """)),
        "bad.yaml:9:31: spec.network.egressCIDRs[1]: expected a CIDR whose address is its network address (the bits"
            + " after the prefix zero), found \"10.0.0.1/8\"",
        "bad.yaml:9:43: spec.network.egressCIDRs[2]: expected a CIDR such as 203.0.113.0/24 or 2001:db8::/32, found"
            + " \"300.0.0.0/8\"",
        "bad.yaml:9:71: spec.network.egressCIDRs[4]: expected a CIDR such as 203.0.113.0/24 or 2001:db8::/32, found"
            + " \"example.com\"");
  }
}
