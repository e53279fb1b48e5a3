package dev.bulwark.policy.engine;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type-checked ASTs of CEL expressions, as far as Bulwark's evaluator reads them ({@link
 * ExprCodec}), kept between runs in one file (ADR 0048): parsing and type-checking the policy
 * library's expressions was most of a short command's own work, and its result depends only on the
 * expression, the environment's declarations and the cel-java version.
 *
 * <p>The file's name holds a fingerprint of the environment ({@link CelEnvironment}'s and {@link
 * ExprCodec}'s class files and the cel-java jar), so a rebuilt environment never meets a tree
 * checked by another; each entry is keyed by the expression's full text, and the file carries a
 * SHA-256 of its content. A file that is missing, truncated, corrupt or of another format is
 * ignored and, like a directory that cannot be written, costs only the speed-up: nothing is
 * reported, and an expression not found is checked as without a cache. Only expressions that
 * checked and compile to Bulwark's evaluator are kept, so every error is raised as before.
 */
final class CheckedAstCache {

  /** No cache: every expression is checked. */
  static final CheckedAstCache NONE = new CheckedAstCache(null, Map.of());

  /** Where the launcher names the cache folder (see bin/bulwark). */
  static final String DIRECTORY_PROPERTY = "bulwark.cache.dir";

  private static final byte[] MAGIC = "bulwark-checked-cel-1\n".getBytes(StandardCharsets.US_ASCII);
  private static final String PREFIX = "checked-cel-";
  private static final int DIGEST_BYTES = 32;

  /** More entries than any library has: a bound on what a file may make a run read. */
  private static final int MAX_ENTRIES = 20_000;

  /** How many files of other environments a save leaves. */
  static final int KEPT_OTHERS = 3;

  private final Path file;
  private final Map<String, byte[]> entries;
  private volatile boolean changed;

  private CheckedAstCache(Path file, Map<String, byte[]> entries) {
    this.file = file;
    this.entries = new ConcurrentHashMap<>(entries);
  }

  /** The cache in the folder the launcher names, or {@link #NONE} when it names none. */
  static CheckedAstCache configured() {
    String dir = System.getProperty(DIRECTORY_PROPERTY);
    return dir == null || dir.isBlank() ? NONE : open(Path.of(dir, "policies"));
  }

  /** The cache kept in {@code dir}: its entries if the file is whole, else an empty one. */
  static CheckedAstCache open(Path dir) {
    Path file = dir.resolve(PREFIX + fingerprint() + ".bin");
    return new CheckedAstCache(file, read(file));
  }

  /**
   * The tree Bulwark's evaluator reads of {@code expression}'s checked AST (see {@link ExprCodec}),
   * if an earlier run kept it.
   */
  Optional<CelExpr> get(String expression) {
    byte[] bytes = entries.get(expression);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ExprCodec.decode(bytes));
    } catch (IOException | RuntimeException e) {
      entries.remove(expression); // checked again, and replaced at the next save
      changed = true;
      return Optional.empty();
    }
  }

  /** Keeps the checked AST of {@code expression} for the next {@link #save()}, if it can. */
  void put(String expression, CelAbstractSyntaxTree ast) {
    if (file == null || entries.size() >= MAX_ENTRIES) {
      return;
    }
    ExprCodec.encode(ast)
        .ifPresent(
            bytes -> {
              if (!Arrays.equals(entries.put(expression, bytes), bytes)) {
                changed = true;
              }
            });
  }

  /**
   * Writes the entries if this run added any: whole, into a temporary file renamed into place (a
   * concurrent run reads the old file or the new one), and removes the files of other environments.
   * Any failure leaves the cache as it was.
   */
  synchronized void save() {
    if (file == null || !changed) {
      return;
    }
    changed = false;
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), ".checked-cel-", ".tmp");
      Files.write(tmp, encode(new TreeMap<>(entries))); // sorted: the same entries, the same bytes
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      removeOthers();
    } catch (IOException | RuntimeException e) {
      // an unwritable or full cache folder: this run's result stands, the next one checks again
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Removes the files of other environments but the most recently written few: a bound on what the
   * folder holds, while two or three builds used in turn (a developer's and an installed one) do
   * not remove each other's file at every run.
   */
  private void removeOthers() throws IOException {
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), PREFIX + "*")) {
      files.forEach(others::add);
    }
    others.remove(file);
    Map<Path, Long> written = new HashMap<>();
    for (Path other : others) {
      written.put(other, lastModified(other));
    }
    others.sort(Comparator.comparing((Path p) -> written.get(p)).reversed());
    others.stream().skip(KEPT_OTHERS).forEach(CheckedAstCache::deleteQuietly);
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0; // gone already, or unreadable: first to be removed
    }
  }

  private static Map<String, byte[]> read(Path file) {
    try {
      byte[] all = Files.readAllBytes(file);
      int start = MAGIC.length + DIGEST_BYTES;
      if (all.length < start || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        return Map.of();
      }
      byte[] digest = sha256().digest(Arrays.copyOfRange(all, start, all.length));
      if (!Arrays.equals(all, MAGIC.length, start, digest, 0, DIGEST_BYTES)) {
        return Map.of();
      }
      return decode(Arrays.copyOfRange(all, start, all.length));
    } catch (IOException | RuntimeException e) {
      return Map.of(); // missing, unreadable or malformed: as if there were no cache
    }
  }

  private static Map<String, byte[]> decode(byte[] content) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
      int count = in.readInt();
      if (count < 0 || count > MAX_ENTRIES) {
        return Map.of();
      }
      Map<String, byte[]> entries = new ConcurrentHashMap<>();
      for (int i = 0; i < count; i++) {
        String expression = new String(readBlock(in), StandardCharsets.UTF_8);
        entries.put(expression, readBlock(in));
      }
      return entries;
    }
  }

  private static byte[] readBlock(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("block length " + length + " beyond the content");
    }
    return in.readNBytes(length);
  }

  private static byte[] encode(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(content)) {
      out.writeInt(entries.size());
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] expression = e.getKey().getBytes(StandardCharsets.UTF_8);
        out.writeInt(expression.length);
        out.write(expression);
        out.writeInt(e.getValue().length);
        out.write(e.getValue());
      }
    }
    byte[] body = content.toByteArray();
    ByteArrayOutputStream file =
        new ByteArrayOutputStream(body.length + MAGIC.length + DIGEST_BYTES);
    file.write(MAGIC);
    file.write(sha256().digest(body));
    file.write(body);
    return file.toByteArray();
  }

  /**
   * What a checked AST depends on besides its text: the environment's declarations (compiled into
   * {@link CelEnvironment}) and the cel-java build that checks (its jar's location names the
   * version).
   */
  static String fingerprint() {
    MessageDigest digest = sha256();
    for (Class<?> source : List.of(CelEnvironment.class, ExprCodec.class)) {
      try (InputStream code = source.getResourceAsStream(source.getSimpleName() + ".class")) {
        if (code != null) {
          digest.update(code.readAllBytes());
        }
      } catch (IOException e) {
        // unreadable: the cel-java location below still separates builds of another cel-java
      }
    }
    var source = Cel.class.getProtectionDomain().getCodeSource();
    digest.update(
        String.valueOf(source == null ? null : source.getLocation())
            .getBytes(StandardCharsets.UTF_8));
    digest.update(MAGIC);
    return HexFormat.of().formatHex(digest.digest(), 0, 12);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // another run's file, or a read-only folder: left as it is
    }
  }
}
