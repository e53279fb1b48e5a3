package dev.bulwark.spec.schema;

import java.util.Optional;

/**
 * IP addresses and CIDRs parsed as Go's {@code net.ParseIP} and {@code net.ParseCIDR} do (IPv4
 * dotted quads without leading zeros, IPv6 with at most one {@code ::}), without ever resolving a
 * host name, which {@code InetAddress.getByName} might.
 */
public final class IpAddresses {

  private IpAddresses() {}

  /** A parsed CIDR: the address bytes as written (4 or 16) and the prefix length. */
  public record Cidr(byte[] address, int prefix) {

    /** Whether every bit after the prefix is zero, that is the address is the network's own. */
    public boolean isNetworkAddress() {
      for (int bit = prefix; bit < address.length * 8; bit++) {
        if ((address[bit / 8] & (0x80 >> (bit % 8))) != 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** The address bytes (4 for IPv4, 16 for IPv6), or empty if the text is no IP address. */
  public static Optional<byte[]> parseIp(String text) {
    return Optional.ofNullable(text.contains(":") ? ipv6(text) : ipv4(text));
  }

  /** The CIDR, or empty if the text is not {@code address/prefix} with a prefix in range. */
  public static Optional<Cidr> parseCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String prefixText = text.substring(slash + 1);
    if (prefixText.isEmpty()
        || prefixText.length() > 3
        || !prefixText.chars().allMatch(Character::isDigit)
        || (prefixText.length() > 1 && prefixText.charAt(0) == '0')) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(prefixText);
    return parseIp(text.substring(0, slash))
        .filter(address -> prefix <= address.length * 8)
        .map(address -> new Cidr(address, prefix));
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || (part.length() > 1 && part.charAt(0) == '0')) {
        return null;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static byte[] ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap >= 0 ? text.substring(0, gap) : text;
    String tail = gap >= 0 ? text.substring(gap + 2) : "";
    int[] headGroups = groups(head, gap < 0);
    int[] tailGroups = groups(tail, true);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
      return null;
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < headGroups.length; i++) {
      bytes[2 * i] = (byte) (headGroups[i] >> 8);
      bytes[2 * i + 1] = (byte) headGroups[i];
    }
    for (int i = 0; i < tailGroups.length; i++) {
      int at = 8 - tailGroups.length + i;
      bytes[2 * at] = (byte) (tailGroups[i] >> 8);
      bytes[2 * at + 1] = (byte) tailGroups[i];
    }
    return bytes;
  }

  /** 16-bit groups of one side of "::"; an embedded IPv4 address may end the last side. */
  private static int[] groups(String side, boolean mayEndInIpv4) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int extra = 0;
    byte[] ipv4 = null;
    if (mayEndInIpv4 && parts[parts.length - 1].contains(".")) {
      ipv4 = ipv4(parts[parts.length - 1]);
      if (ipv4 == null) {
        return null;
      }
      extra = 1;
    }
    int[] groups = new int[parts.length - extra + 2 * extra];
    for (int i = 0; i < parts.length - extra; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 4
          || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      groups[i] = Integer.parseInt(part, 16);
    }
    if (ipv4 != null) {
      groups[groups.length - 2] = ((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff);
      groups[groups.length - 1] = ((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff);
    }
    return groups;
  }
}
