package dev.bulwark.operator.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * How an operator instance runs.
 *
 * @param leaseNamespace the namespace of the leader-election Lease; empty runs without leader
 *     election (one replica only)
 * @param leaseName the Lease's name
 * @param identity this instance's name in the Lease and in Events (the pod name in a cluster)
 * @param httpPort port of /healthz, /readyz and /metrics; 0 picks a free port, negative serves none
 * @param threads concurrent reconciles
 * @param cacheSyncTimeout how long to wait for the informers' first list at start
 * @param exitOnLostLease whether losing the lease ends the process (in a pod: yes, so that it
 *     restarts clean; in a test: no)
 * @param scorecardInterval how often the scorecard is judged besides after Platform reconciles;
 *     zero keeps none
 */
public record OperatorSettings(
    Optional<String> leaseNamespace,
    String leaseName,
    String identity,
    int httpPort,
    int threads,
    Duration cacheSyncTimeout,
    boolean exitOnLostLease,
    Duration scorecardInterval) {

  public static final String DEFAULT_LEASE = "bulwark-operator";

  /** One instance without leader election or HTTP endpoints: tests, the demo and one-off runs. */
  public static OperatorSettings local(String identity) {
    return new OperatorSettings(
        Optional.empty(),
        DEFAULT_LEASE,
        identity,
        -1,
        8,
        Duration.ofMinutes(2),
        false,
        Duration.ZERO);
  }

  /** Leader election on the Lease {@code name} in {@code namespace}. */
  public OperatorSettings withLeaderElection(String namespace, String name, boolean exitOnLost) {
    return new OperatorSettings(
        Optional.of(namespace),
        name,
        identity,
        httpPort,
        threads,
        cacheSyncTimeout,
        exitOnLost,
        scorecardInterval);
  }

  public OperatorSettings withHttpPort(int port) {
    return new OperatorSettings(
        leaseNamespace,
        leaseName,
        identity,
        port,
        threads,
        cacheSyncTimeout,
        exitOnLostLease,
        scorecardInterval);
  }

  public OperatorSettings withThreads(int count) {
    return new OperatorSettings(
        leaseNamespace,
        leaseName,
        identity,
        httpPort,
        count,
        cacheSyncTimeout,
        exitOnLostLease,
        scorecardInterval);
  }

  public OperatorSettings withScorecardInterval(Duration interval) {
    return new OperatorSettings(
        leaseNamespace,
        leaseName,
        identity,
        httpPort,
        threads,
        cacheSyncTimeout,
        exitOnLostLease,
        interval);
  }
}
