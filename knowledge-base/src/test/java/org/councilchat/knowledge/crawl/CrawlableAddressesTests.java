package org.councilchat.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrawlableAddressesTests {

    private static final CrawlableAddresses DEFAULT = CrawlableAddresses.publicOnly();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.10.20.30",
                "::1",
                "0.0.0.0",
                "0.1.2.3",
                "::",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "224.0.0.1",
                "239.255.255.250",
                "255.255.255.255",
                "240.0.0.1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::127.0.0.1",
                "64:ff9b::7f00:1",
                "64:ff9b::a9fe:a9fe",
                "2002:c0a8:0101::1"
            })
    void refusesEveryInternalAddressByDefault(String literal) throws UnknownHostException {
        assertThat(DEFAULT.allows("somewhere.example", InetAddress.getByName(literal)))
                .as(literal)
                .isFalse();
    }

    @Test
    void refusesAnIpv4MappedLoopbackKeptAsAnIpv6Address() throws UnknownHostException {
        // InetAddress turns ::ffff:127.0.0.1 into 127.0.0.1 itself; one built as IPv6 must be judged the same.
        Inet6Address mapped =
                Inet6Address.getByAddress(null, HexFormat.of().parseHex("00000000000000000000ffff7f000001"), null);

        assertThat(DEFAULT.allows("somewhere.example", mapped)).isFalse();
        assertThat(DEFAULT.allows("somewhere.example", InetAddress.getByName("::ffff:127.0.0.1")))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"151.101.0.1", "172.32.0.1", "100.128.0.1", "11.0.0.1", "2a00:1450:4009::1"})
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(DEFAULT.allows("www.millbrook.example", InetAddress.getByName(literal)))
                .as(literal)
                .isTrue();
    }

    @Test
    void allowsWhatTheCouncilListsByRangeAddressOrHostName() throws UnknownHostException {
        CrawlableAddresses intranet = CrawlableAddresses.allowing(
                List.of("10.20.0.0/16", " 192.168.5.5 ", "Intranet.Millbrook.Local", "[::1]"));

        assertThat(intranet.allows("x.example", InetAddress.getByName("10.20.9.9")))
                .isTrue();
        assertThat(intranet.allows("x.example", InetAddress.getByName("10.21.0.1")))
                .isFalse();
        assertThat(intranet.allows("x.example", InetAddress.getByName("192.168.5.5")))
                .isTrue();
        assertThat(intranet.allows("x.example", InetAddress.getByName("192.168.5.6")))
                .isFalse();
        assertThat(intranet.allows("intranet.millbrook.local", InetAddress.getByName("172.16.4.4")))
                .isTrue();
        assertThat(intranet.allows("x.example", InetAddress.getByName("::1"))).isTrue();
        assertThat(intranet.allows("x.example", InetAddress.getByName("127.0.0.1")))
                .isFalse();
    }

    @Test
    void aRangeThatIsNotOneIsRefusedAtOnce() {
        assertThatThrownBy(() -> CrawlableAddresses.allowing(List.of("10.0.0.0/40")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrawlableAddresses.allowing(List.of("10.0.0.0/eight")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrawlableAddresses.allowing(List.of("intranet/16")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResolverRefusesLoopbackWrittenAnyWay() {
        CheckedResolver resolver = new CheckedResolver(DEFAULT, InetAddress::getAllByName);

        for (String host : List.of(
                "localhost",
                "127.0.0.1",
                "[::1]",
                "2130706433",
                "127.1",
                "127.000.000.001",
                "[::ffff:127.0.0.1]",
                "0.0.0.0")) {
            assertThatThrownBy(() -> resolver.resolve(host, 80)).as(host).isInstanceOf(AddressRefused.class);
        }
        // Not an address Java can read: it fails as an unknown host, and so is never connected to either.
        assertThatThrownBy(() -> resolver.resolve("0x7f.1", 80)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void aNameWithOneInternalAddressAmongPublicOnesIsRefused() throws UnknownHostException {
        InetAddress[] both = {InetAddress.getByName("151.101.0.1"), InetAddress.getByName("10.0.0.1")};
        CheckedResolver resolver = new CheckedResolver(DEFAULT, host -> both);

        assertThatThrownBy(() -> resolver.resolve("www.millbrook.example", 443)).isInstanceOf(AddressRefused.class);
    }
}
