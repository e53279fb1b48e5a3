package dev.bulwark.catalog.charts;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads the regular files of a {@code .tar.gz} (ustar, with GNU long names and pax path records, as
 * helm and Git hosts write them). Only what CRD extraction needs; nothing is written to disk.
 */
final class TarGz {

  private static final int BLOCK = 512;

  private TarGz() {}

  /** The files whose path {@code wanted} accepts, path to content, in archive order. */
  static Map<String, byte[]> files(byte[] archive, Predicate<String> wanted) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        if (isZero(header)) {
          break;
        }
        long size =
            Long.parseLong(
                text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
        byte[] data = read(in, size);
        char type = (char) header[156];
        String name = longName != null ? longName : name(header);
        longName = null;
        switch (type) {
          case 'L' -> longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          case 'x' -> longName = paxPath(data);
          case '0', '\0' -> {
            if (wanted.test(name)) {
              files.put(name, data);
            }
          }
          default -> {
            /* directories, links, global pax headers: nothing to read */
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not a readable .tar.gz: " + e.getMessage(), e);
    }
    return files;
  }

  private static byte[] read(InputStream in, long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(padding);
    return data;
  }

  private static String name(byte[] header) {
    String name = text(header, 0, 100);
    String prefix = "ustar".equals(text(header, 257, 5)) ? text(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String paxPath(byte[] data) {
    for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
