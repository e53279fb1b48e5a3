package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in Debian's headless Chromium, against a real API server and a real OIDC provider:
 * each person logs in through the authorization code flow and sees what RBAC lets them see.
 */
@RealApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  static final String ISSUER_ID = "bulwark";
  static final String CLIENT = "bulwark-console";

  @TempDir static Path dir;
  static MockOAuth2Server issuer;
  static ConsoleServer console;
  static Path repo;
  static String base;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) throws Exception {
    repo = ConsoleCluster.apply(admin, dir);
    OperationsCluster.apply(admin);
    issuer = new MockOAuth2Server();
    issuer.start(InetAddress.getByName("127.0.0.1"), 0);
    console =
        Loopback.console(
            issuer.issuerUrl(ISSUER_ID).uri(),
            config,
            Optional.of(new ConsoleConfig.GitOps(repo.toString(), "main")));
    base = Loopback.base(console);
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
    if (issuer != null) {
      issuer.shutdown();
    }
  }

  /** The issuer's next login is {@code user} in {@code groups}. */
  static void nextLogin(String user, String group) {
    issuer.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER_ID,
            user,
            "JWT",
            List.of(CLIENT),
            Map.of("preferred_username", user, "groups", List.of(group)),
            3600));
  }

  /** Logs in through the issuer as {@code user} in {@code group}; the console lands on tenants. */
  static void login(Browser browser, String user, String group) {
    nextLogin(user, group);
    browser.open(base + "/login");
    assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "/");
  }

  @Test
  @Order(1)
  void aDeveloperSeesOnlyTheirTenantAndEveryPagePassesAxe() throws Exception {
    try (Browser browser = new Browser()) {
      login(browser, "dana", "acme-developers");
      assertThat(browser.driver.getTitle()).isEqualTo("Tenants · Bulwark");
      String tenants = browser.driver.findElement(By.tagName("main")).getText();
      assertThat(tenants).contains("acme", "ACME Corporation").doesNotContain("beta", "Beta Ltd");
      assertThat(browser.driver.findElement(By.className("user")).getText()).contains("dana");
      checkPage(browser, "tenants");

      browser.click(By.linkText("acme"));
      String tenant = browser.driver.findElement(By.tagName("main")).getText();
      assertThat(tenant).contains("acme-dev", "acme-prod", "api").doesNotContain("billing");
      checkPage(browser, "tenant");

      browser.click(By.linkText("api"));
      assertThat(browser.driver.getTitle()).isEqualTo("Application api · Bulwark");
      String app = browser.driver.findElement(By.tagName("main")).getText();
      assertThat(app)
          .contains(ConsoleCluster.A.value(), "manual", "Synced", "Healthy", "requested by dana");
      checkPage(browser, "application");

      browser.open(base + "/policies");
      assertThat(browser.driver.findElement(By.tagName("main")).getText())
          .contains("exempt.policy.bulwark.dev/", "denied at admission");
      checkPage(browser, "policies");

      // another tenant's pages are answered as if they did not exist
      browser.open(base + "/tenants/beta");
      assertThat(browser.driver.getTitle()).isEqualTo("Not found · Bulwark");
      browser.open(base + "/tenants/beta/applications/beta-dev/billing");
      assertThat(browser.driver.getTitle()).isEqualTo("Not found · Bulwark");
      assertThat(browser.driver.getPageSource()).doesNotContain("registry.example.test/beta");
    }
  }

  @Test
  @Order(2)
  void aViewerIsRefusedTheApprovalAndAnOwnerApproves() throws Exception {
    try (Browser browser = new Browser()) {
      login(browser, "victor", "acme-viewers");
      browser.open(base + "/tenants/acme/applications/acme-dev/api");
      browser.click(By.cssSelector("form[action='/approve'] button"));
      assertThat(browser.driver.getTitle()).isEqualTo("Refused · Bulwark");
      assertThat(browser.driver.findElement(By.tagName("main")).getText())
          .contains("oidc:victor may not approve the promotion of acme/api to prod", "acme-owners");
      browser.screenshot("approval-refused");
      assertThat(prodPin()).doesNotContain(ConsoleCluster.A.value());

      browser.click(By.cssSelector("header form button"));
      login(browser, "olga", "acme-owners");
      browser.open(base + "/tenants/acme/applications/acme-dev/api");
      browser.click(By.cssSelector("form[action='/approve'] button"));
      assertThat(browser.driver.getTitle()).isEqualTo("Approved · Bulwark");
      browser.screenshot("approval-approved");
      assertThat(prodPin()).contains("digest: " + ConsoleCluster.A.value());
      browser.click(By.partialLinkText("Back to api"));
      assertThat(browser.driver.findElement(By.tagName("main")).getText())
          .doesNotContain("requested by dana");
    }
  }

  @Test
  @Order(3)
  void aDeveloperSeesTheirTenantsCertificatesBackupsAndPipelineOnly() throws Exception {
    try (Browser browser = new Browser()) {
      login(browser, "dana", "acme-developers");
      browser.open(base + "/tenants/acme");
      browser.click(By.linkText("Certificates"));
      assertThat(browser.driver.getTitle()).isEqualTo("Certificates of acme · Bulwark");
      assertThat(main(browser))
          .contains("acme-tls", "acme.console.example.test", "Ready", "2027-03-01T00:00:00Z")
          .contains("2027-01-30T00:00:00Z")
          .doesNotContain("beta");
      checkPage(browser, "certificates");

      browser.click(By.linkText("Back to acme"));
      browser.click(By.linkText("Backups"));
      assertThat(main(browser))
          .contains("tenant-acme", "0 2 * * *", "tenant-acme-20261201 at 2026-12-01T02:10:00Z")
          .contains("Failed")
          .doesNotContain("beta");
      checkPage(browser, "backups");

      browser.open(base + "/tenants/acme/applications/acme-dev/api");
      browser.click(By.linkText("Pipeline runs and gate decisions"));
      assertThat(browser.driver.getTitle()).isEqualTo("Pipeline of api · Bulwark");
      assertThat(main(browser))
          .contains("api-run-1", "Succeeded", "gate BLOCKED: acme", "sha256:" + "a".repeat(64))
          .doesNotContain("billing", "PASSED", "You may not");
      checkPage(browser, "pipeline");

      for (String path :
          List.of(
              "/tenants/beta/certificates",
              "/tenants/beta/backups",
              "/tenants/beta/applications/beta-dev/billing/pipeline",
              "/tenants/acme/applications/beta-dev/billing/pipeline")) {
        browser.open(base + path);
        assertThat(browser.driver.getTitle()).as(path).isEqualTo("Not found · Bulwark");
        assertThat(browser.driver.getPageSource()).as(path).doesNotContain("beta-tls", "billing-");
      }
    }
    try (Browser browser = new Browser()) {
      login(browser, "bea", "beta-developers");
      browser.open(base + "/tenants/beta/certificates");
      assertThat(main(browser)).contains("beta-tls").doesNotContain("acme");
      browser.open(base + "/tenants/beta/applications/beta-dev/billing/pipeline");
      assertThat(main(browser))
          .contains("billing-run-1", "gate PASSED: beta")
          .doesNotContain("api-run-1", "BLOCKED");
    }
  }

  @Test
  @Order(4)
  void aPlatformEngineerSeesTheScorecardAndAnEssentialsEvidenceADeveloperDoesNot(
      KubernetesClient admin) throws Exception {
    // platform engineers read the whole cluster, as bulwark scorecard --live does
    admin
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("platform-reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("*")
                .withResources("*")
                .withVerbs("get", "list", "watch")
                .endRule()
                .build())
        .serverSideApply();
    admin
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("platform-reader")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "platform-reader")
                .addNewSubject()
                .withKind("Group")
                .withApiGroup("rbac.authorization.k8s.io")
                .withName("oidc:platform-engineers")
                .endSubject()
                .build())
        .serverSideApply();
    try (Browser browser = new Browser()) {
      login(browser, "dana", "acme-developers");
      browser.open(base + "/scorecard");
      assertThat(browser.driver.getTitle()).isEqualTo("Not allowed · Bulwark");
    }
    try (Browser browser = new Browser()) {
      login(browser, "pat", "platform-engineers");
      browser.click(By.linkText("Scorecard"));
      assertThat(browser.driver.getTitle()).isEqualTo("Scorecard · Bulwark");
      assertThat(main(browser)).contains("Overall", "of 100", "Essentials", "Infrastructure");
      assertThat(browser.driver.findElements(By.cssSelector("svg#chart-categories rect.score")))
          .isNotEmpty();
      checkPage(browser, "scorecard");

      WebElement first = browser.driver.findElement(By.cssSelector("main table tbody a"));
      String essential = first.getText();
      browser.click(By.linkText(essential));
      assertThat(browser.driver.getTitle()).isEqualTo("Essential: " + essential + " · Bulwark");
      assertThat(main(browser)).contains("Back to the scorecard");
      assertThat(browser.driver.findElements(By.cssSelector("main table tbody tr"))).isNotEmpty();
      checkPage(browser, "scorecard-essential");

      browser.open(base + "/scorecard/no-such-essential");
      assertThat(browser.driver.getTitle()).isEqualTo("Not found · Bulwark");
    }
  }

  private static String main(Browser browser) {
    return browser.driver.findElement(By.tagName("main")).getText();
  }

  private static void checkPage(Browser browser, String name) throws Exception {
    browser.screenshot(name);
    assertThat(browser.axe()).as("serious or critical axe-core violations on " + name).isEmpty();
  }

  /** Acme's prod kustomization on the synced branch. */
  private static String prodPin() throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      var reader = git.getRepository().newObjectReader();
      var tree = git.getRepository().parseCommit(git.getRepository().resolve("main")).getTree();
      try (var walk =
          org.eclipse.jgit.treewalk.TreeWalk.forPath(
              git.getRepository(), "tenants/acme/prod/kustomization.yaml", tree)) {
        return new String(reader.open(walk.getObjectId(0)).getBytes());
      }
    }
  }
}
