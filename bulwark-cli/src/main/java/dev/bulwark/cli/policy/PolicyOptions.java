package dev.bulwark.cli.policy;

import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options every policy command shares: which policies, at which Pod Security version, with which parameters. */
public final class PolicyOptions {

  private static final Pattern VERSION = Pattern.compile("latest|v1\\.[0-9]{1,2}");

  @Option(names = "--policies", paramLabel = "SET", defaultValue = "all",
      description = "Policies to apply: pss-baseline, pss-restricted, platform or all (default: ${DEFAULT-VALUE}).")
  String policies;

  @Option(names = "--pss-version", paramLabel = "VERSION",
      description = "Pod Security Standards version: latest (v1.37) or v1.N. Default: each namespace's enforce-version label, else latest.")
  String pssVersion;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "Override a policy parameter, for example --param allowedRegistries=ghcr.io/acme,quay.io/acme. Repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--exemptions", paramLabel = "FILE",
      description = "Exemption file: entries with policy, owner, expires (YYYY-MM-DD) and reason; expired entries are violations.")
  Path exemptions;

  PolicyLibrary.Selection selection() {
    return PolicyLibrary.Selection.parse(policies);
  }

  /** The version, checked; null when not given. */
  String pssVersion() {
    if (pssVersion != null && !VERSION.matcher(pssVersion).matches()) {
      throw new IllegalArgumentException("--pss-version: expected latest or v1.N (for example v1.30), got '" + pssVersion + "'");
    }
    return pssVersion;
  }

  Map<String, Object> overrides() {
    return PolicyEngine.parseOverrides(PolicyLibrary.standard(), params);
  }

  PolicyEngine engine() {
    return PolicyEngine.create(PolicyLibrary.standard(), selection(), overrides());
  }

  ExemptionFile exemptionFile() throws ExemptionFile.InvalidExemptionsException {
    return exemptions == null ? ExemptionFile.NONE : ExemptionFile.read(exemptions);
  }
}
