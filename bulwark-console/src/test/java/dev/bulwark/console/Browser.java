package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Folders;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, with a fresh profile; screenshots go to
 * {@code target/console-screenshots/}, and {@link #axe} runs axe-core's checks on the open page.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path AXE = Path.of("target/axe/axe.min.js");
  static final Path SCREENSHOTS = Path.of("target/console-screenshots");

  final ChromeDriver driver;
  private final Path profile;

  Browser() throws IOException {
    this(List.of());
  }

  /** A browser started with {@code arguments} in addition to the headless ones. */
  Browser(List<String> arguments) throws IOException {
    String hook =
        "run .ci/prepare.d/50-chromium.sh (apt-get install chromium chromium-driver;"
            + " npm pack axe-core)";
    Needed.require(Files.isExecutable(CHROMIUM), CHROMIUM + ": " + hook);
    Needed.require(Files.isExecutable(CHROMEDRIVER), CHROMEDRIVER + ": " + hook);
    Needed.require(Files.isRegularFile(AXE), "bulwark-console/" + AXE + ": " + hook);
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // as root in a closed network Chromium needs all of these, and a profile of its own
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    options.addArguments(arguments);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  void open(String url) {
    driver.get(url);
  }

  /** Clicks what {@code target} finds and waits until the next page replaced this one. */
  void click(By target) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(target).click();
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(page));
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** The serious and critical axe-core violations of the open page, as "rule: help" lines. */
  @SuppressWarnings("unchecked")
  List<String> axe() throws IOException {
    driver.executeScript(Files.readString(AXE));
    Object result =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document).then(r => done(r.violations)).catch(e => done(String(e)));");
    assertThat(result).as("axe-core's result").isInstanceOf(List.class);
    return ((List<Map<String, Object>>) result)
        .stream()
            .filter(v -> List.of("serious", "critical").contains(String.valueOf(v.get("impact"))))
            .map(v -> v.get("id") + ": " + v.get("help") + " " + v.get("nodes"))
            .toList();
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    // Chromium's helper processes may still be tidying the profile as the driver returns.
    Folders.delete(profile);
  }
}
