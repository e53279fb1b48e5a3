package dev.bulwark.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.spec.DocumentChecker.Checked;
import dev.bulwark.spec.Inputs.Source;
import dev.bulwark.yaml.LocatedYaml;
import dev.bulwark.yaml.YamlDocument;
import dev.bulwark.yaml.YamlSyntaxException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a Bulwark spec from YAML and validates all of it, collecting every error rather than
 * stopping at the first.
 *
 * <p>Usage: {@code LoadResult result = SpecLoader.load(List.of("spec/", "extra.yaml"));} then
 * either {@code result.spec()} or {@code result.errors()} (each renders as {@code file:line:col:
 * field.path: message}). The loader reads and never writes.
 *
 * <p>Input: files; directories, searched recursively for {@code *.yaml}/{@code *.yml} in sorted
 * order; {@code -} for standard input. Each may hold several documents separated by {@code ---}.
 *
 * <p>Every document needs {@code apiVersion} and {@code kind}, and must be a {@code
 * bulwark.dev/v1alpha1} Platform, Tenant or Application. Each is then checked like the apiserver
 * checks a custom resource: the generated CRD's {@code default}s are applied, the result is
 * validated against the CRD's {@code openAPIV3Schema} (unknown fields are errors, with a "did you
 * mean"), and its metadata is checked (a name; DNS-1123 label for Tenant and Application, subdomain
 * for Platform; a namespace only on an Application). Fields the API types mark
 * {@code @NotSupportedYet} are errors. Across documents: exactly one Platform, unique tenant and
 * application names, references to existing tenants and environments, hosts under the platform
 * domain and claimed once, host ports that exist, environment namespaces that are neither reserved
 * nor shared, application namespaces of their tenant, and egress CIDRs that parse.
 *
 * <p>The resulting {@link BulwarkSpec} does not depend on the order of files or documents.
 */
public final class SpecLoader {

  private SpecLoader() {}

  /** Loads the files, directories and {@code -} (standard input) named by {@code args}. */
  public static LoadResult load(List<String> args) {
    return load(args, System.in);
  }

  /** Like {@link #load(List)}, reading {@code -} from {@code stdin}. */
  public static LoadResult load(List<String> args, InputStream stdin) {
    Problems problems = new Problems();
    Inputs inputs = Inputs.read(args, stdin, problems);
    return loadSources(inputs.sources(), problems);
  }

  /**
   * Loads YAML texts held in memory, each named as its "file" in errors; for tests and for callers
   * that already hold the text. Sources are read in the map's iteration order.
   */
  public static LoadResult loadStrings(Map<String, String> sources) {
    Problems problems = new Problems();
    if (sources.isEmpty()) {
      problems.add(
          SpecError.global("no input: give spec files, directories, or - for standard input"));
    }
    List<Source> list = new ArrayList<>();
    sources.forEach((name, text) -> list.add(new Source(name, text)));
    return loadSources(list, problems);
  }

  private static LoadResult loadSources(List<Source> sources, Problems problems) {
    List<YamlDocument> documents = new ArrayList<>();
    boolean complete = problems.isEmpty();
    for (Source source : sources) {
      try {
        List<YamlDocument> read = LocatedYaml.read(source.name(), new StringReader(source.text()));
        if (read.isEmpty()) {
          problems.add(SpecError.file(source.name(), "no YAML documents in this file"));
        }
        documents.addAll(read);
      } catch (YamlSyntaxException e) {
        String message = e.getMessage().substring(e.location().toString().length() + 2);
        problems.add(new SpecError(e.location(), "", "malformed YAML: " + message));
        complete = false;
      }
    }
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    DocumentChecker checker = new DocumentChecker(mapper);
    List<Checked> checked = new ArrayList<>();
    for (YamlDocument doc : documents) {
      checker.check(doc, problems).ifPresent(checked::add);
    }
    if (sources.isEmpty() && problems.isEmpty()) {
      problems.add(
          SpecError.global("no input: give spec files, directories, or - for standard input"));
    }
    if (!sources.isEmpty() || !documents.isEmpty()) {
      SpecIndex index = new SpecIndex(checked, complete);
      new TenantChecks(index, problems).run();
      new ApplicationChecks(index, problems).run();
    }
    if (problems.isEmpty()) {
      SpecChecks.run(assemble(checked), checked, problems);
    }
    if (!problems.isEmpty()) {
      return new LoadResult(null, problems.list());
    }
    BulwarkSpec spec = assemble(checked);
    return new LoadResult(spec, List.of(), SpecChecks.warnings(spec, checked));
  }

  private static BulwarkSpec assemble(List<Checked> checked) {
    Platform platform = null;
    List<Tenant> tenants = new ArrayList<>();
    List<Application> applications = new ArrayList<>();
    for (Checked c : checked) {
      switch (c.object()) {
        case Platform p -> platform = p;
        case Tenant t -> tenants.add(t);
        case Application a -> applications.add(a);
        default -> throw new IllegalStateException("unexpected object " + c.object());
      }
    }
    return new BulwarkSpec(platform, tenants, applications);
  }
}
