package dev.bulwark.cli.policy;

import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.RenderContext;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options every policy command shares: which policies, at which Pod Security version, with
 * which parameters.
 */
public final class PolicyOptions {

  private static final Pattern VERSION = Pattern.compile("latest|v1\\.[0-9]{1,2}");

  @Option(
      names = "--policies",
      paramLabel = "SET",
      defaultValue = "all",
      description =
          "Policies to apply: pss-baseline, pss-restricted, platform or all (default: ${DEFAULT-VALUE}).")
  String policies;

  @Option(
      names = "--pss-version",
      paramLabel = "VERSION",
      description =
          "Pod Security Standards version: latest (v1.37) or v1.N. Default: each namespace's enforce-version label, else latest.")
  String pssVersion;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description =
          "Override a policy parameter, for example --param allowedRegistries=ghcr.io/acme,quay.io/acme. Repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--spec",
      paramLabel = "PATH",
      description =
          "Take parameters from a Bulwark spec (files or directories): the platform's domain, registry and gateway "
              + "namespace, and the hosts each tenant's applications claim, as the platform's admission policies carry them. "
              + "--param overrides them. Repeatable.")
  List<String> spec = new ArrayList<>();

  @Option(
      names = "--exemptions",
      paramLabel = "FILE",
      description =
          "Exemption file: entries with policy, owner, expires (YYYY-MM-DD) and reason; expired entries are violations.")
  Path exemptions;

  PolicyLibrary.Selection selection() {
    return PolicyLibrary.Selection.parse(policies);
  }

  /** The version, checked; null when not given. */
  String pssVersion() {
    if (pssVersion != null && !VERSION.matcher(pssVersion).matches()) {
      throw new IllegalArgumentException(
          "--pss-version: expected latest or v1.N (for example v1.30), got '" + pssVersion + "'");
    }
    return pssVersion;
  }

  /** Parameters from --spec, then --param on top. */
  Map<String, Object> overrides() {
    Map<String, Object> overrides = new LinkedHashMap<>(specParams());
    overrides.putAll(PolicyEngine.parseOverrides(PolicyLibrary.standard(), params));
    return overrides;
  }

  /** What PolicyRenderUnit gives the platform's policies for this spec; nothing without --spec. */
  private Map<String, Object> specParams() {
    if (spec.isEmpty()) {
      return Map.of();
    }
    LoadResult loaded = SpecLoader.load(spec);
    if (!loaded.ok()) {
      throw new IllegalArgumentException("--spec: the spec has errors:\n" + loaded.report());
    }
    return PolicyRenderUnit.params(RenderContext.of(loaded.spec()));
  }

  PolicyEngine engine() {
    return PolicyEngine.create(PolicyLibrary.standard(), selection(), overrides());
  }

  ExemptionFile exemptionFile() throws ExemptionFile.InvalidExemptionsException {
    return exemptions == null ? ExemptionFile.NONE : ExemptionFile.read(exemptions);
  }
}
