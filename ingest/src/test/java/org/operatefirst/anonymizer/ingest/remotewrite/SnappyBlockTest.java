package org.operatefirst.anonymizer.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;

class SnappyBlockTest {

    static Stream<Arguments> inputs() {
        final Random random = new Random(42);
        final byte[] noise = new byte[200_000];
        random.nextBytes(noise);
        final byte[] runs = new byte[100_000];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = (byte) (i / 1000);
        }
        final String repeated = "up{instance=\"192.0.2.7:9100\",job=\"node\"} 1 1620209251000\n".repeat(2000);
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("one byte", new byte[] {7}),
                Arguments.of("random noise: literals only", noise),
                Arguments.of("long runs: overlapping copies", runs),
                Arguments.of("exposition text: copies of every length", repeated.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void decompressesWhatTheReferenceImplementationCompressed(final String name, final byte[] input)
            throws IOException {
        final SnappyBlock.Result result = SnappyBlock.decompress(Snappy.compress(input), input.length);

        assertThat(result).isInstanceOfSatisfying(SnappyBlock.Decompressed.class,
                decompressed -> assertThat(decompressed.bytes()).isEqualTo(input));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no preamble                          | ''
            preamble never ends                  | 8080808080
            preamble longer than five bytes      | 8181818181 01
            literal longer than the block        | 05 10 6869
            literal longer than declared         | 01 04 686970
            copy before the start of the output  | 08 0d 05
            copy with offset zero                | 08 00 61 0d 00
            copy past the declared length        | 02 04 6162 2d 01
            fewer bytes than declared            | 05 08 616263
            block ends inside a two-byte copy     | 08 00 61 0e 01
            block ends inside a four-byte copy    | 08 00 61 0f 01 00
            """)
    void refusesMalformedBlocks(final String name, final String hex) {
        final byte[] input = HexFormat.of().parseHex(hex.replace(" ", ""));

        assertThat(SnappyBlock.decompress(input, 1 << 20)).as(name).isInstanceOf(SnappyBlock.Invalid.class);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitBeforeAllocatingIt() {
        // Declares 2^32-1 bytes in five preamble bytes.
        final byte[] bomb = HexFormat.of().parseHex("ffffffff0f00");

        assertThat(SnappyBlock.decompress(bomb, 1 << 20)).isEqualTo(new SnappyBlock.TooLarge(0xffffffffL));
    }

    @Test
    @Timeout(5)
    void expandsAMaximalCompressionRatioInLinearTime() throws IOException {
        final byte[] zeros = new byte[32 << 20];

        final SnappyBlock.Result result = SnappyBlock.decompress(Snappy.compress(zeros), zeros.length);

        assertThat(result).isInstanceOfSatisfying(SnappyBlock.Decompressed.class,
                decompressed -> assertThat(decompressed.bytes()).hasSize(zeros.length));
    }
}
