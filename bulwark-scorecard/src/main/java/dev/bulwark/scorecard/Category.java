package dev.bulwark.scorecard;

/** The four categories of essentials Bulwark covers, in the order a scorecard lists them. */
public enum Category {
  INFRASTRUCTURE("infrastructure", "Infrastructure"),
  APPLICATION_LIFECYCLE("application-lifecycle", "Application lifecycle"),
  OBSERVABILITY("observability", "Observability"),
  SECURITY("security-and-compliance", "Security and compliance");

  private final String id;
  private final String title;

  Category(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The stable id used in JSON, JUnit and metrics. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }
}
