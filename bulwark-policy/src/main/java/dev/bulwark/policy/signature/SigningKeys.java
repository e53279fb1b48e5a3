package dev.bulwark.policy.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The public keys admission accepts: every {@code *.pub} entry of the ConfigMap or Secret mounted
 * as a directory, each a PEM {@code PUBLIC KEY} (cosign's {@code cosign.pub}). More than one while
 * a key is rotated (ADR 0040).
 *
 * @param keys the keys, in file-name order
 * @param names where each came from, for messages
 */
public record SigningKeys(List<PublicKey> keys, List<String> names) {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  public SigningKeys {
    keys = List.copyOf(keys);
    names = List.copyOf(names);
  }

  /** Reads every {@code *.pub} file of {@code dir}; a directory without one is an error. */
  public static SigningKeys fromDirectory(Path dir) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".pub")).sorted().toList();
    }
    for (Path file : files) {
      keys.add(parse(file.toString(), Files.readString(file)));
      names.add(file.getFileName().toString());
    }
    if (keys.isEmpty()) {
      throw new IOException(dir + ": no *.pub public key: admission would refuse every image");
    }
    return new SigningKeys(keys, names);
  }

  /**
   * Reads {@code dir} on every call, so that a rotated key (a changed mounted ConfigMap) is picked
   * up without a restart; an unreadable directory is an {@link UncheckedIOException}, which
   * admission treats as an input it cannot reach.
   */
  public static Supplier<SigningKeys> reader(Path dir) {
    return () -> {
      try {
        return fromDirectory(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** One PEM public key; {@code source} names it in the error when it is none. */
  public static PublicKey parse(String source, String pem) {
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          source + ": expected a PEM block " + BEGIN + " (cosign.pub), found none");
    }
    String body = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          source + ": not an ECDSA public key (cosign's keys are P-256): " + e.getMessage(), e);
    }
  }
}
