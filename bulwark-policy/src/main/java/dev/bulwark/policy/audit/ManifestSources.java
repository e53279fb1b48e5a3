package dev.bulwark.policy.audit;

import dev.bulwark.yaml.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The files (and standard input) to audit, listed but not yet parsed, so that each can be parsed,
 * judged and dropped in turn instead of every tree being kept until all are read. Directories are
 * searched recursively for *.yaml, *.yml and *.json, in name order; standard input ("-") is read
 * into memory once, as it can be read only once and may be parsed twice (see {@link
 * #mayDefineNamespaces}).
 */
public final class ManifestSources {

  private static final byte[] NAMESPACE = "Namespace".getBytes(StandardCharsets.US_ASCII);

  /** A file, or standard input's text (or the error reading it). */
  private record Source(Path file, String text, IOException failure) {}

  private final List<Source> sources;
  private final List<InputError> listingErrors;

  private ManifestSources(List<Source> sources, List<InputError> listingErrors) {
    this.sources = sources;
    this.listingErrors = listingErrors;
  }

  /** Lists the paths, in the order given; {@code stdin} is read for "-". */
  public static ManifestSources list(List<String> paths, InputStream stdin) {
    List<Source> sources = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    boolean stdinRead = false;
    for (String path : paths) {
      if ("-".equals(path)) {
        // Standard input is read once; a second "-" finds it at its end.
        sources.add(stdinRead ? new Source(null, "", null) : readAll(stdin));
        stdinRead = true;
      } else {
        list(Path.of(path), sources, errors);
      }
    }
    return new ManifestSources(List.copyOf(sources), List.copyOf(errors));
  }

  /** Paths that are neither files nor directories, and directories that could not be listed. */
  public List<InputError> listingErrors() {
    return listingErrors;
  }

  /** How many sources there are: files, and standard input for each "-". */
  public int size() {
    return sources.size();
  }

  /** The manifests and input errors of the {@code index}th source. */
  public ManifestReader read(int index) {
    Source source = sources.get(index);
    ManifestReader part = new ManifestReader();
    if (source.file() != null) {
      part.readFile(source.file());
    } else {
      part.parse(
          "-",
          source.failure() != null ? failing(source.failure()) : new StringReader(source.text()));
    }
    return part;
  }

  /**
   * The manifests, in input order, of every source whose text may hold a Namespace object; the
   * other sources cannot. A source may hold one only if its text contains "Namespace" or a
   * backslash escape that could spell a letter in a double-quoted string (a backslash followed by
   * x, u or U, or an escaped line break), so most sources are only scanned, not parsed.
   */
  public List<Manifest> mayDefineNamespaces() {
    return IntStream.range(0, size())
        .parallel()
        .filter(i -> mayHoldNamespace(sources.get(i)))
        .mapToObj(this::read)
        .flatMap(part -> part.manifests().stream())
        .toList();
  }

  private static boolean mayHoldNamespace(Source source) {
    if (source.file() == null) {
      return source.text() != null
          && mayHoldNamespace(source.text().getBytes(StandardCharsets.UTF_8));
    }
    try {
      // Too large or unreadable files are reported when read, and define nothing.
      return Files.size(source.file()) <= ManifestReader.MAX_FILE_BYTES
          && mayHoldNamespace(Files.readAllBytes(source.file()));
    } catch (IOException e) {
      return false;
    }
  }

  static boolean mayHoldNamespace(byte[] text) {
    for (int i = 0; i < text.length; i++) {
      byte b = text[i];
      if (b == 'N' && startsWith(text, i, NAMESPACE)) {
        return true;
      }
      if (b == '\\' && i + 1 < text.length && !harmlessEscape(text[i + 1])) {
        return true;
      }
    }
    return false;
  }

  /** YAML escapes that stand for something other than an ASCII letter (and a second backslash). */
  private static boolean harmlessEscape(byte next) {
    return switch (next) {
      case '0',
          'a',
          'b',
          't',
          '\t',
          'n',
          'v',
          'f',
          'r',
          'e',
          ' ',
          '"',
          '/',
          '\\',
          'N',
          '_',
          'L',
          'P' ->
          true;
      default -> false;
    };
  }

  private static boolean startsWith(byte[] text, int at, byte[] prefix) {
    if (at + prefix.length > text.length) {
      return false;
    }
    for (int j = 0; j < prefix.length; j++) {
      if (text[at + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

  private static void list(Path path, List<Source> into, List<InputError> errors) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.walk(path)) {
        files
            .filter(Files::isRegularFile)
            .filter(f -> f.getFileName().toString().matches(".*\\.(ya?ml|json)$"))
            .sorted()
            .forEach(f -> into.add(new Source(f, null, null)));
      } catch (IOException e) {
        errors.add(
            new InputError(
                new Location(path.toString(), 1, 1), "cannot list directory: " + e.getMessage()));
      }
    } else if (Files.isRegularFile(path)) {
      into.add(new Source(path, null, null));
    } else {
      errors.add(new InputError(new Location(path.toString(), 1, 1), "no such file or directory"));
    }
  }

  private static Source readAll(InputStream stdin) {
    try {
      return new Source(null, new String(stdin.readAllBytes(), StandardCharsets.UTF_8), null);
    } catch (IOException e) {
      return new Source(null, null, e);
    }
  }

  /** A reader that fails as reading standard input failed, so the error is reported as before. */
  private static Reader failing(IOException failure) {
    return new Reader() {
      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        throw failure;
      }

      @Override
      public void close() {}
    };
  }
}
