package dev.ragops.ingestion;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts URL ingestion may fetch from. Every address a host resolves to must be public:
 * loopback, link-local (cloud metadata services such as 169.254.169.254 among them), private,
 * unique-local IPv6, carrier-grade NAT, wildcard and multicast addresses are refused unless {@code
 * ragops.ingest.url.allow} lists the host name or a CIDR range holding the address.
 */
final class AddressPolicy {

  private final List<String> hosts;
  private final List<Cidr> ranges;

  /**
   * @param allow host names (matched case-insensitively) and CIDR ranges such as {@code
   *     10.0.0.0/8}, {@code 127.0.0.1} or {@code fd00::/8}
   */
  AddressPolicy(List<String> allow) {
    this.hosts =
        allow.stream()
            .map(String::strip)
            .filter(entry -> !entry.isEmpty() && !Cidr.looksLikeAddress(entry))
            .map(entry -> entry.toLowerCase(Locale.ROOT))
            .toList();
    this.ranges =
        allow.stream().map(String::strip).filter(Cidr::looksLikeAddress).map(Cidr::parse).toList();
  }

  /**
   * Resolves {@code host} and returns its addresses if fetching from it is allowed.
   *
   * @throws IllegalArgumentException naming the refused address and the setting that allows it
   */
  List<InetAddress> check(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("url host '" + host + "' cannot be resolved");
    }
    boolean hostAllowed = hosts.contains(host.toLowerCase(Locale.ROOT));
    for (InetAddress address : addresses) {
      String kind = restrictedKind(address);
      if (kind != null && !hostAllowed && ranges.stream().noneMatch(r -> r.contains(address))) {
        throw new IllegalArgumentException(
            "url host '"
                + host
                + "' resolves to "
                + address.getHostAddress()
                + ", a "
                + kind
                + " address; fetching from it is refused unless ragops.ingest.url.allow lists"
                + " the host or its range");
      }
    }
    return List.of(addresses);
  }

  /** Why an address is not public, or {@code null} when it is. */
  static String restrictedKind(InetAddress address) {
    if (address instanceof Inet6Address v6 && isIpv4Mapped(v6.getAddress())) {
      try {
        byte[] raw = v6.getAddress();
        return restrictedKind(
            InetAddress.getByAddress(new byte[] {raw[12], raw[13], raw[14], raw[15]}));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isLinkLocalAddress()) {
      return "link-local";
    }
    if (address.isAnyLocalAddress()) {
      return "wildcard";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    if (address.isSiteLocalAddress()) {
      return "private";
    }
    byte[] raw = address.getAddress();
    if (address instanceof Inet6Address && (raw[0] & 0xfe) == 0xfc) {
      return "unique-local";
    }
    if (address instanceof Inet4Address) {
      int first = raw[0] & 0xff;
      int second = raw[1] & 0xff;
      if (first == 0 || first >= 240) {
        return "reserved";
      }
      if (first == 100 && second >= 64 && second < 128) {
        return "carrier-grade NAT";
      }
    }
    return null;
  }

  private static boolean isIpv4Mapped(byte[] raw) {
    for (int i = 0; i < 10; i++) {
      if (raw[i] != 0) {
        return false;
      }
    }
    return (raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff;
  }

  /** An address range: {@code prefix} bits of {@code network}. */
  private record Cidr(byte[] network, int prefix) {

    static boolean looksLikeAddress(String entry) {
      return entry.contains(":") || entry.matches("[0-9./]+");
    }

    static Cidr parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      try {
        // a literal (looksLikeAddress), so no name lookup happens
        byte[] network = InetAddress.getByName(address).getAddress();
        int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        if (prefix < 0 || prefix > network.length * 8) {
          throw new IllegalArgumentException("bad prefix");
        }
        return new Cidr(network, prefix);
      } catch (IllegalArgumentException | UnknownHostException e) {
        throw new IllegalArgumentException(
            "ragops.ingest.url.allow: '" + entry + "' is neither a host name nor a CIDR range");
      }
    }

    boolean contains(InetAddress address) {
      byte[] raw = address.getAddress();
      if (raw.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((raw[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
