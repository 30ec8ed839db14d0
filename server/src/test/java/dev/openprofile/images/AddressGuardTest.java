package dev.openprofile.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a fetch may reach when the operator has not allowed private networks. */
class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "169.254.0.1", "100.64.0.1", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "192.0.0.8", "198.18.0.1",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:a00:1::1", "ff02::1"})
    void privateLoopbackLinkLocalAndReservedAddressesAreNotPublic(String address) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946",
            "64:ff9b::808:808"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "[::1]", "localhost"})
    void aGuardedFetchRefusesLocalHostsAndAnAllowingOneOnlyTheUnspecified(String host) {
        assertThat(new AddressGuard(false).refusal(host)).contains("private, loopback or link-local");
        assertThat(new AddressGuard(true).refusal(host)).isNull();
        assertThat(new AddressGuard(true).refusal("0.0.0.0")).contains("not a host");
    }
}
