package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * How the operator upgrades the platform's components (ADR 0042): the channel whose newest release
 * it reaches, the window it may act in, and whether a person approves each target first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpgradeSpec {

  /** A catalogue release, e.g. {@code 2026.12}. */
  public static final String RELEASE_PATTERN = "^[0-9]{4}\\.[0-9]{2}$";

  /** The annotation on the Platform that approves one target release. */
  public static final String APPROVED_ANNOTATION = "upgrade.bulwark.dev/approved";

  /** Which releases of the catalogue the platform follows. */
  public enum Channel {
    @JsonProperty("stable")
    STABLE,
    @JsonProperty("fast")
    FAST
  }

  /** Whether a person approves each target release before the operator starts. */
  public enum Approval {
    @JsonProperty("required")
    REQUIRED,
    @JsonProperty("automatic")
    AUTOMATIC
  }

  /** A day of the week, as the window names it. */
  public enum Day {
    @JsonProperty("mon")
    MON,
    @JsonProperty("tue")
    TUE,
    @JsonProperty("wed")
    WED,
    @JsonProperty("thu")
    THU,
    @JsonProperty("fri")
    FRI,
    @JsonProperty("sat")
    SAT,
    @JsonProperty("sun")
    SUN
  }

  @Default("stable")
  @JsonPropertyDescription(
      "stable: the newest release the catalogue marks stable; fast: the newest catalogued release, stable or not.")
  private Channel channel = Channel.STABLE;

  @JsonPropertyDescription(
      "When the operator may upgrade components; an upgrade that does not finish inside the window stops at the next component and resumes in the next window. Without a window it may act at any time.")
  private WindowSpec window;

  @Default("required")
  @JsonPropertyDescription(
      "required: the operator starts an upgrade only once the Platform carries the annotation upgrade.bulwark.dev/approved set to the target release (kubectl annotate platform <name> upgrade.bulwark.dev/approved=<release>); automatic: it starts as soon as the window opens.")
  private Approval approval = Approval.REQUIRED;

  @Pattern(RELEASE_PATTERN)
  @JsonPropertyDescription(
      "Pins the target to this catalogue release (for example 2026.12) instead of the channel's newest; it must be a release of the channel.")
  private String version;

  public Channel getChannel() {
    return channel;
  }

  public void setChannel(Channel channel) {
    this.channel = channel;
  }

  public WindowSpec getWindow() {
    return window;
  }

  public void setWindow(WindowSpec window) {
    this.window = window;
  }

  public Approval getApproval() {
    return approval;
  }

  public void setApproval(Approval approval) {
    this.approval = approval;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  /** A weekly maintenance window. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WindowSpec {

    @Required
    @Size(min = 1, max = 7)
    @ValidationRule(
        value = "self.all(d, self.filter(e, e == d).size() == 1)",
        message = "each day once")
    @JsonPropertyDescription("The days of the week the window opens on (mon to sun), in its zone.")
    private List<Day> days = new ArrayList<>();

    @Required
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("The time the window opens, HH:MM on a 24-hour clock, in its zone.")
    private String start;

    @Required
    @Pattern("^([0-9]+h)?([0-9]+m)?$")
    @JsonPropertyDescription(
        "How long the window stays open, as hours and minutes (4h, 90m, 1h30m); at most a week.")
    private String duration;

    @Default("UTC")
    @JsonPropertyDescription(
        "The time zone of days and start: UTC or an IANA zone name such as Europe/Berlin.")
    private String timeZone = "UTC";

    public List<Day> getDays() {
      return days;
    }

    public void setDays(List<Day> days) {
      this.days = days;
    }

    public String getStart() {
      return start;
    }

    public void setStart(String start) {
      this.start = start;
    }

    public String getDuration() {
      return duration;
    }

    public void setDuration(String duration) {
      this.duration = duration;
    }

    public String getTimeZone() {
      return timeZone;
    }

    public void setTimeZone(String timeZone) {
      this.timeZone = timeZone;
    }
  }
}
