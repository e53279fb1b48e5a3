package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.identity.OidcTokensOnApiServerTest;
import dev.bulwark.platform.identity.RenderedRealm;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.identity.Keycloak;
import dev.bulwark.testkit.identity.KeycloakAdmin;
import dev.bulwark.testkit.identity.RealKeycloak;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's login through a real Keycloak, in Debian's headless Chromium. Keycloak holds the
 * realm Bulwark renders for examples/acme (placeholders filled as the Keycloak operator fills them;
 * only the console client's redirect URI moves from the rendered host to the console on 127.0.0.1,
 * with the rendered path); the users are made through Keycloak's admin API. The API server trusts
 * that realm's ID tokens with the platform's prefixes; the console trusts Keycloak's CA through its
 * issuer CA setting, as {@code --oidc-ca-file} does. People type their password into Keycloak's own
 * page, and what each sees is the API server's answer to the console's access reviews for them.
 */
@RealKeycloak
class ConsoleOnKeycloakTest {

  private static final String DEVELOPER = "payments-engineers";
  private static final String OTHER_TENANT = "web-developers";

  @TempDir static Path dir;
  static Keycloak keycloak;
  static RenderedRealm realm;
  static final Map<String, String> PASSWORDS = new HashMap<>();
  static ControlPlane plane;
  static ConsoleServer console;
  static String base;

  @BeforeAll
  static void start(Keycloak running) throws Exception {
    ControlPlane.Result<ControlPlane.Setup> setup = ControlPlane.locate(SharedData.repoDir());
    Needed.require(setup.value().isPresent(), setup.reason());
    keycloak = running;
    BulwarkSpec spec = acme();
    DesiredState state = Renderer.standard().render(spec);
    String groupPrefix = PlatformModel.from(spec.platform()).groupPrefix();
    realm = RenderedRealm.of(state);
    JsonNode client = realm.clients().get(OidcClients.CONSOLE);
    assertThat(client).as("the rendered realm's console client").isNotNull();
    int port = Loopback.freePort();
    URI publicUrl = URI.create("http://127.0.0.1:" + port + "/");
    Config consoleIdentity = startCluster(setup.value().get(), spec, groupPrefix);
    ConsoleConfig config =
        new ConsoleConfig(
            port,
            "127.0.0.1",
            publicUrl,
            keycloak.issuer(realm.name()),
            OidcClients.CONSOLE,
            Optional.of(realm.secretOf(client)),
            "preferred_username",
            "groups",
            "oidc:",
            groupPrefix,
            consoleIdentity,
            Optional.empty(),
            IssuerCa.read(keycloak.ca().caCertificate()));
    importRealm(client, config.redirectUri());
    console = ConsoleServer.start(config);
    base = Loopback.base(console);
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aTenantDeveloperSignsInAtKeycloakAndSeesOnlyTheirTenant() throws Exception {
    try (Browser browser = browser()) {
      signIn(browser, DEVELOPER);
      assertThat(browser.driver.getTitle()).isEqualTo("Tenants · Bulwark");
      assertThat(browser.driver.findElement(By.className("user")).getText())
          .contains(user(DEVELOPER));
      assertThat(main(browser))
          .contains("payments", "Payments")
          .doesNotContain("Web storefront", "Data platform");
      browser.open(base + "/tenants/payments");
      assertThat(main(browser)).contains("payments-dev", "payments-prod");
      browser.open(base + "/tenants/web");
      assertThat(browser.driver.getTitle()).isEqualTo("Not found · Bulwark");
    }
  }

  @Test
  void aMemberOfAnotherTenantsGroupSeesThatTenantInstead() throws Exception {
    try (Browser browser = browser()) {
      signIn(browser, OTHER_TENANT);
      assertThat(main(browser))
          .contains("Web storefront")
          .doesNotContain("Payments", "Data platform");
      browser.open(base + "/tenants/payments");
      assertThat(browser.driver.getTitle()).isEqualTo("Not found · Bulwark");
    }
  }

  @Test
  void aWrongPasswordStaysOnKeycloaksPageAndOpensNoSession() throws Exception {
    try (Browser browser = browser()) {
      browser.open(base + "/login");
      submitLogin(browser, user(DEVELOPER), "not-" + PASSWORDS.get(DEVELOPER));
      assertThat(browser.driver.getCurrentUrl()).startsWith(keycloak.baseUrl().toString());
      assertThat(browser.driver.getPageSource()).contains("Invalid username or password");
      // no console session: the console sends the browser back to Keycloak's login page
      browser.open(base + "/");
      assertThat(browser.driver.getCurrentUrl()).startsWith(authorizationEndpoint());
      assertThat(browser.driver.findElements(By.id("password"))).isNotEmpty();
    }
  }

  @Test
  void signingOutEndsTheConsoleSession() throws Exception {
    try (Browser browser = browser()) {
      signIn(browser, DEVELOPER);
      String cookie =
          Sessions.COOKIE
              + "="
              + browser.driver.manage().getCookieNamed(Sessions.COOKIE).getValue();
      HttpResponse<String> before = get("/", cookie);
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(before.body()).contains("Payments");

      browser.click(By.cssSelector("header form button"));
      assertThat(browser.driver.getTitle()).isEqualTo("Signed out");
      assertThat(browser.driver.manage().getCookieNamed(Sessions.COOKIE)).isNull();
      HttpResponse<String> after = get("/", cookie);
      assertThat(after.statusCode()).isEqualTo(303);
      assertThat(after.headers().firstValue("Location")).contains("/login");
      assertThat(after.body()).doesNotContain("Payments");
    }
  }

  /** Opens the console, is sent to Keycloak, signs in as the member of {@code group}. */
  private static void signIn(Browser browser, String group) {
    browser.open(base + "/login");
    assertThat(browser.driver.getCurrentUrl()).startsWith(authorizationEndpoint());
    submitLogin(browser, user(group), PASSWORDS.get(group));
    new WebDriverWait(browser.driver, Duration.ofSeconds(60))
        .until(ExpectedConditions.urlToBe(base + "/"));
  }

  /** Fills in Keycloak's login form and submits it. */
  private static void submitLogin(Browser browser, String username, String password) {
    browser.driver.findElement(By.id("username")).sendKeys(username);
    browser.driver.findElement(By.id("password")).sendKeys(password);
    browser.click(By.id("kc-login"));
  }

  private static String authorizationEndpoint() {
    return keycloak.issuer(realm.name()) + "/protocol/openid-connect/auth?";
  }

  /**
   * A browser that accepts Keycloak's test certificate by its public key alone: Chromium reads no
   * CA from the JVM, and this is the narrowest exception it offers.
   */
  private static Browser browser() throws Exception {
    byte[] key = IssuerCa.read(keycloak.ca().certificate()).get(0).getPublicKey().getEncoded();
    String pin =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(key));
    return new Browser(List.of("--ignore-certificate-errors-spki-list=" + pin));
  }

  /** The realm as rendered, the console client's redirect URIs moved to the loopback console. */
  private static void importRealm(JsonNode client, URI redirectUri) throws Exception {
    Map<String, Object> filled = realm.filled();
    List<String> loopback = new ArrayList<>();
    client
        .path("redirectUris")
        .forEach(
            rendered ->
                loopback.add(
                    redirectUri.resolve(URI.create(rendered.asText()).getPath()).toString()));
    // the console answers at the path the realm registers: only the host is the test's
    assertThat(loopback).containsExactly(redirectUri.toString());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> clients = (List<Map<String, Object>>) filled.get("clients");
    clients.stream()
        .filter(c -> OidcClients.CONSOLE.equals(c.get("clientId")))
        .forEach(c -> c.put("redirectUris", loopback));
    KeycloakAdmin admin = keycloak.admin();
    admin.replaceRealm(filled);
    for (String group : List.of(DEVELOPER, OTHER_TENANT)) {
      PASSWORDS.put(group, "pw-" + UUID.randomUUID());
      admin.createUser(realm.name(), user(group), PASSWORDS.get(group), List.of(group));
    }
  }

  /**
   * An API server that trusts the realm's ID tokens for the console client, with acme's tenancy;
   * returns the console's own identity, the chart's console ServiceAccount.
   */
  private static Config startCluster(ControlPlane.Setup setup, BulwarkSpec spec, String groupPrefix)
      throws Exception {
    Path authentication = dir.resolve("authentication.yaml");
    Files.writeString(
        authentication,
        OidcTokensOnApiServerTest.authenticationConfig(
            keycloak, realm.name(), OidcClients.CONSOLE, groupPrefix));
    plane =
        ControlPlane.startWithAuthentication(
            setup, dir.resolve("plane"), Duration.ofMinutes(4), authentication);
    Config admin = Config.fromKubeconfig(plane.kubeconfigYaml());
    try (KubernetesClient cluster = new KubernetesClientBuilder().withConfig(admin).build()) {
      ConsoleCluster.installCrds(cluster);
      ConsoleCluster.applySpec(cluster, spec);
      return ConsoleIdentity.install(cluster, admin);
    }
  }

  private static BulwarkSpec acme() {
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).as(loaded.report()).isEmpty();
    return loaded.spec();
  }

  private static HttpResponse<String> get(String path, String cookie) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String main(Browser browser) {
    return browser.driver.findElement(By.tagName("main")).getText();
  }

  private static String user(String group) {
    return "member-of-" + group;
  }
}
