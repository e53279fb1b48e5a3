package dev.bulwark.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the command-line arguments into the texts to load: files as given, directories searched
 * recursively for {@code *.yaml} and {@code *.yml} in sorted path order (skipping hidden files and
 * folders such as {@code .git}), and {@code -} for standard input. A file reached twice is read
 * once.
 */
final class Inputs {

  /** One text to parse, named as the user will recognise it in errors. */
  record Source(String name, String text) {}

  private final List<Source> sources = new ArrayList<>();
  private final Set<Path> seen = new HashSet<>();
  private boolean stdinRead;

  List<Source> sources() {
    return sources;
  }

  /** Reads every argument, adding an error for each that cannot be read. */
  static Inputs read(List<String> args, InputStream stdin, Problems problems) {
    Inputs inputs = new Inputs();
    if (args.isEmpty()) {
      problems.add(
          SpecError.global("no input: give spec files, directories, or - for standard input"));
    }
    for (String arg : args) {
      if (arg.equals("-")) {
        inputs.stdin(stdin, problems);
      } else {
        inputs.path(arg, problems);
      }
    }
    return inputs;
  }

  private void stdin(InputStream stdin, Problems problems) {
    if (stdinRead) {
      return;
    }
    stdinRead = true;
    try {
      sources.add(new Source("-", utf8(stdin.readAllBytes())));
    } catch (java.nio.charset.CharacterCodingException e) {
      problems.add(SpecError.file("-", "cannot read standard input: it is not UTF-8 text"));
    } catch (IOException e) {
      problems.add(SpecError.file("-", "cannot read standard input: " + e.getMessage()));
    }
  }

  private void path(String arg, Problems problems) {
    Path path = Path.of(arg);
    if (Files.isDirectory(path)) {
      List<Path> files = yamlFilesUnder(path, problems);
      if (files.isEmpty()) {
        problems.add(SpecError.file(arg, "no *.yaml or *.yml files in this directory"));
      }
      files.forEach(file -> file(file, file.toString(), problems));
    } else if (Files.isRegularFile(path)) {
      file(path, arg, problems);
    } else {
      problems.add(
          SpecError.file(
              arg, Files.exists(path) ? "not a file or directory" : "no such file or directory"));
    }
  }

  /** Strict decoding: a wrong encoding is an error, not text with replacement characters. */
  private static String utf8(byte[] bytes) throws java.nio.charset.CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
  }

  private static List<Path> yamlFilesUnder(Path dir, Problems problems) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> isYaml(p) && !hidden(dir.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      problems.add(SpecError.file(dir.toString(), "cannot list the directory: " + e.getMessage()));
      return List.of();
    }
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private void file(Path file, String name, Problems problems) {
    try {
      if (!seen.add(file.toRealPath())) {
        return;
      }
      sources.add(new Source(name, utf8(Files.readAllBytes(file))));
    } catch (java.nio.charset.CharacterCodingException e) {
      problems.add(SpecError.file(name, "cannot read the file: it is not UTF-8 text"));
    } catch (IOException e) {
      problems.add(SpecError.file(name, "cannot read the file: " + e.getMessage()));
    }
  }
}
