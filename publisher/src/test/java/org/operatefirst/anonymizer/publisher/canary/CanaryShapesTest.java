package org.operatefirst.anonymizer.publisher.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.operatefirst.anonymizer.ingest.decode.DecodeResult;
import org.operatefirst.anonymizer.ingest.decode.Decoders;

/** The canary has a shape for every decoder, which that decoder reads to text holding all of the canary. */
class CanaryShapesTest {

    private static final Iterable<String> DECODERS = Decoders.NAMES;
    private static final Instant AT = Instant.parse("2026-12-07T10:15:30.123456789Z");

    @ParameterizedTest
    @FieldSource("DECODERS")
    void everyDecoderReadsItsCanaryWithTheIdAndEveryIdentity(final String decoder) {
        final Canary canary = Canary.of("0a1b2c3d", 7);
        final byte[] value = canary.value(decoder, "default", AT).getBytes(StandardCharsets.UTF_8);

        final DecodeResult result = Decoders.named(decoder, 1 << 20, 64).decode(value);

        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((DecodeResult.Decoded) result).text())
                .contains(canary.id(), canary.email(), canary.address(), canary.pod());
    }

    @Test
    void anUnknownDecoderHasNoShape() {
        assertThatThrownBy(() -> Canary.of("0a1b2c3d", 7).value("syslog", "default", AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown decoder 'syslog'");
    }
}
