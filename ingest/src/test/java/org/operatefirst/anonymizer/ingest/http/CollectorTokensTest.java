package org.operatefirst.anonymizer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.micronaut.context.exceptions.ConfigurationException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectorTokensTest {

    private static final String PROMETHEUS = "Zm9vYmFyYmF6cXV4cXV1eHF1dXg";
    private static final String VECTOR = "0123456789abcdef0123456789abcdef";

    private final CollectorTokens tokens = CollectorTokens.parse(List.of(
            "# collectors of the example.org cluster",
            "",
            "prometheus\t" + PROMETHEUS,
            "vector   " + VECTOR + "  "), "test");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Zm9vYmFyYmF6cXV4cXV1eHF1dXg      | prometheus
            0123456789abcdef0123456789abcdef | vector
            0123456789abcdef0123456789abcdeF | ''
            0123456789abcdef0123456789abcde  | ''
            0123456789abcdef0123456789abcdef0 | ''
            prometheus                        | ''
            """)
    void findsTheCollectorOfAnExactTokenOnly(final String token, final String collector) {
        assertThat(tokens.collector(token)).isEqualTo(collector.isEmpty() ? Optional.empty() : Optional.of(collector));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            token too short         | a\tshort-token                        | line 1
            no token                | lonely                                | line 1
            bad name                | a/b\t0123456789abcdef0123456789       | line 1
            duplicate name          | a\t0123456789abcdef0123456789,a\t9876543210abcdef0123456789 | line 2
            duplicate token         | a\t0123456789abcdef0123456789,b\t0123456789abcdef0123456789 | line 2
            """)
    void refusesMalformedFilesNamingTheLineButNotTheToken(final String name, final String lines,
            final String line) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CollectorTokens.parse(List.of(lines.replace("\\t", "\t").split(",")), "f"))
                .withMessageContaining(line)
                .withMessageNotContaining("0123456789abcdef");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Bearer Zm9vYmFyYmF6cXV4cXV1eHF1dXg | prometheus
            bearer Zm9vYmFyYmF6cXV4cXV1eHF1dXg | prometheus
            Basic Zm9vYmFyYmF6cXV4cXV1eHF1dXg  | ''
            Zm9vYmFyYmF6cXV4cXV1eHF1dXg        | ''
            Bearer                             | ''
            ''                                 | ''
            """)
    void admitsOnlyABearerTokenWhenTokensAreConfigured(final String authorization, final String collector) {
        final ReceiverAccess access = new ReceiverAccess(tokens, false, true);

        assertThat(access.admit(authorization.isEmpty() ? null : authorization,
                new InetSocketAddress("127.0.0.1", 5000))).isEqualTo(collector.isEmpty() ? null : collector);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"127.0.0.1, anonymous", "::1, anonymous", "192.0.2.7, ''", "2001:db8::7, ''"})
    void admitsOnlyLoopbackWithoutTokensOnTheEmbeddedBroker(final String address, final String collector) {
        final ReceiverAccess access = new ReceiverAccess(CollectorTokens.none(), false, true);

        assertThat(access.mode()).isEqualTo(ReceiverAccess.Mode.LOOPBACK_ONLY);
        assertThat(access.admit(null, new InetSocketAddress(address, 5000)))
                .isEqualTo(collector.isEmpty() ? null : collector);
    }

    @Test
    void refusesToStartWithoutTokensOnARealCluster() {
        org.assertj.core.api.Assertions.assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> new ReceiverAccess(CollectorTokens.none(), false, false))
                .withMessageContaining("anonymizer.ingest.tokens-file");
    }

    @Test
    void admitsAnyoneOnlyWhenExplicitlyAllowed() {
        final ReceiverAccess access = new ReceiverAccess(CollectorTokens.none(), true, false);

        assertThat(access.admit(null, new InetSocketAddress("192.0.2.7", 5000))).isEqualTo(ReceiverAccess.ANONYMOUS);
    }
}
