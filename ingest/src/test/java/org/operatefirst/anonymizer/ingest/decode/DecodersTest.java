package org.operatefirst.anonymizer.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DecodersTest {

    @Test
    void everyNameMakesADecoder() {
        for (final String name : Decoders.NAMES) {
            assertThat(Decoders.named(name, 1024, 8)).as(name).isNotNull();
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Decoders.named("fluentd", 1024, 8))
                .withMessageContaining("fluentd").withMessageContaining("fluent-bit");
    }
}
