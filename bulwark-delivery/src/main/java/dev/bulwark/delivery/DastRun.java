package dev.bulwark.delivery;

/**
 * Where the DAST scan of one digest stands, for a release into one environment (ADR 0050): not
 * started, running, passed (the gate let the running application through) or blocked (the gate
 * refused it, or the scan itself failed).
 *
 * @param run what holds the scan, for messages (for example the PipelineRun's namespace and name)
 * @param detail why it is where it is, for messages (the run's own message when it failed)
 */
public record DastRun(State state, String run, String detail) {

  /** The states a scan goes through; only {@link #PASSED} lets a promotion through. */
  public enum State {
    NOT_STARTED,
    RUNNING,
    PASSED,
    BLOCKED
  }

  public static DastRun notStarted(String run) {
    return new DastRun(State.NOT_STARTED, run, "not started");
  }

  public boolean passed() {
    return state == State.PASSED;
  }

  /** One line for a refusal or a log: the run and its state. */
  public String describe() {
    return switch (state) {
      case NOT_STARTED -> "its DAST scan " + run + " has not started";
      case RUNNING -> "its DAST scan " + run + " is still running";
      case PASSED -> "its DAST scan " + run + " passed";
      case BLOCKED -> "its DAST scan " + run + " blocked it: " + detail;
    };
  }
}
