package dev.bulwark.yaml;

import java.io.Reader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads multi-document YAML into Jackson trees that remember where every node came from, so that
 * every later error can name the file, line and column. Jackson's own YAML parser loses positions
 * once a tree is built; the trees are built here from SnakeYAML's parser events, which carry them
 * (see {@link TreeBuilder}).
 */
public final class LocatedYaml {

  /** Large enough for any sane manifest bundle, small enough that a runaway input fails fast. */
  public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  private LocatedYaml() {}

  /** Every non-empty document of the source, in order. */
  public static List<YamlDocument> read(String source, Reader reader) throws YamlSyntaxException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMaxAliasesForCollections(50);
    StreamReader stream = new StreamReader(reader);
    try {
      return new TreeBuilder(source, new ParserImpl(stream, options), options).documents();
    } catch (YAMLException e) {
      throw syntaxError(source, e);
    } catch (NumberFormatException e) {
      // SnakeYAML reads the digits of a hexadecimal escape (backslash and x, u or U) cut short by
      // the end of the input as a number and throws (found by fuzzing): a syntax error like any
      // other.
      throw new YamlSyntaxException(
          location(source, stream.getMark()),
          "invalid escape sequence in a double-quoted scalar: expected hexadecimal digits");
    }
  }

  /** SnakeYAML's error as ours: at its mark (the start of the source when it has none). */
  static YamlSyntaxException syntaxError(String source, YAMLException e) {
    if (e instanceof MarkedYAMLException marked) {
      Mark mark =
          marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
      return new YamlSyntaxException(location(source, mark), describe(marked));
    }
    return new YamlSyntaxException(new Location(source, 1, 1), e.getMessage());
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    String context = e.getContext();
    return context == null ? problem : problem + " (" + context + ")";
  }

  static Location location(String source, Mark mark) {
    return mark == null
        ? new Location(source, 1, 1)
        : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Escapes a key for use in a JSON Pointer (RFC 6901). */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
