package dev.bulwark.cli.live;

/**
 * Log levels of the long-running commands (slf4j-simple reads them when the first logger is made,
 * so this runs first): Bulwark's state transitions at INFO, libraries at WARN, and the framework's
 * per-retry stack traces off, since Bulwark logs each failure in one line itself.
 */
final class Logging {

  private Logging() {}

  static void configure() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.dev.bulwark", "info");
    setIfAbsent(
        "org.slf4j.simpleLogger.log.io.javaoperatorsdk.operator.processing.event.EventProcessor",
        "error");
    setIfAbsent(
        "org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
        "error");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
