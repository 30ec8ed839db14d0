package dev.openprofile.images;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which hosts an image fetch may reach. Unless the operator allows private networks, a host any of whose
 * addresses is loopback, private (RFC 1918, IPv6 unique-local), link-local (169.254/16 with the cloud metadata
 * address 169.254.169.254, fe80::/10), carrier-grade NAT, reserved, unspecified or multicast is refused, so a URL
 * cannot make the server read its own network. Unspecified and multicast addresses are refused always.
 */
final class AddressGuard {
    private final boolean allowPrivateNetworks;

    AddressGuard(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /** Why the host may not be fetched, or null when every address it resolves to may be. */
    String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return "its host '" + host + "' could not be resolved";
        }
        for (InetAddress a : addresses) {
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) return "its host resolves to " + a.getHostAddress() + ", which is not a host";
            if (!allowPrivateNetworks && !isPublic(a)) {
                return "its host resolves to " + a.getHostAddress() + ", a private, loopback or link-local address";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) return isPublicV4(b, 0);
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) return false;                          // fc00::/7, unique local
            if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) return false; // fec0::/10, old site-local
            boolean zeros96 = true;
            for (int i = 0; i < 12; i++) zeros96 &= b[i] == 0;
            if (zeros96) return isPublicV4(b, 12);                            // ::a.b.c.d, IPv4-compatible
            boolean nat64 = (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
            for (int i = 4; i < 12 && nat64; i++) nat64 = b[i] == 0;
            if (nat64) return isPublicV4(b, 12);                              // 64:ff9b::/96 reaches an IPv4 address
            if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) return isPublicV4(b, 2); // 2002::/16, 6to4
        }
        return true;
    }

    private static boolean isPublicV4(byte[] b, int at) {
        int a0 = b[at] & 0xFF;
        int a1 = b[at + 1] & 0xFF;
        int a2 = b[at + 2] & 0xFF;
        if (a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224) return false;   // this network, private, loopback, multicast, reserved
        if (a0 == 169 && a1 == 254) return false;                          // link-local, cloud metadata
        if (a0 == 172 && (a1 & 0xF0) == 16) return false;                  // private
        if (a0 == 192 && a1 == 168) return false;                          // private
        if (a0 == 100 && (a1 & 0xC0) == 64) return false;                  // carrier-grade NAT
        if (a0 == 192 && a1 == 0 && a2 == 0) return false;                 // IETF protocol assignments
        if (a0 == 198 && (a1 == 18 || a1 == 19)) return false;             // benchmarking
        return true;
    }
}
