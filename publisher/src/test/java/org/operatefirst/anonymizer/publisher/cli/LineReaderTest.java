package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {

    private static List<String> lines(final String input, final int maxBytes, final int chunk) throws IOException {
        final LineReader reader = new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                maxBytes, chunk);
        final List<String> lines = new ArrayList<>();
        for (byte[] line = reader.next(); line != null; line = reader.next()) {
            lines.add(new String(line, StandardCharsets.UTF_8));
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 1 << 20})
    void findsLinesAcrossChunkBoundaries(final int chunk) throws IOException {
        assertThat(lines("abcdefgh\nij\nklmnopqrstuvwxyz\n", 100, chunk))
                .containsExactly("abcdefgh", "ij", "klmnopqrstuvwxyz");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 1 << 20})
    void stripsOneCarriageReturnBeforeTheNewlineOnly(final int chunk) throws IOException {
        assertThat(lines("a\r\n\r\nb\r\r\nc\rd\n", 100, chunk)).containsExactly("a", "", "b\r", "c\rd");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 1 << 20})
    void keepsEmptyLinesAndALastLineWithoutNewline(final int chunk) throws IOException {
        assertThat(lines("\n\nlast", 100, chunk)).containsExactly("", "", "last");
        assertThat(lines("last\r", 100, chunk)).containsExactly("last");
        assertThat(lines("", 100, chunk)).isEmpty();
        assertThat(lines("\n", 100, chunk)).containsExactly("");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 5, 6, 7, 8, 1 << 20})
    void cutsAnOverlongLineAtTheLimitPlusOneAndSkipsTheRest(final int chunk) throws IOException {
        assertThat(lines("0123456789\nok\n", 5, chunk)).containsExactly("012345", "ok");
        assertThat(lines("012345\n01234\r\n0123456789", 5, chunk)).containsExactly("012345", "01234", "012345");
        // The byte after the limit is a carriage return that does not end the line: still too long.
        assertThat(lines("01234\r6789\nok", 5, chunk)).containsExactly("01234\r", "ok");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 1 << 20})
    void agreesWithByteByByteReadingOnRandomStreams(final int chunk) throws IOException {
        final Random random = new Random(chunk);
        final byte[] alphabet = {'a', 'b', '\r', '\n', '\n', (byte) 0xc3};
        for (int round = 0; round < 300; round++) {
            final byte[] input = new byte[random.nextInt(200)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[random.nextInt(alphabet.length)];
            }
            final int maxBytes = 1 + random.nextInt(12);
            final LineReader reader = new LineReader(new ByteArrayInputStream(input), maxBytes, chunk);
            final List<byte[]> expected = byteByByte(new ByteArrayInputStream(input), maxBytes);
            for (final byte[] line : expected) {
                assertThat(reader.next()).as("round %d", round).isEqualTo(line);
            }
            assertThat(reader.next()).isNull();
        }
    }

    /** What a line is, read one byte at a time: the reference the chunked reader must agree with. */
    private static List<byte[]> byteByByte(final InputStream in, final int maxBytes) throws IOException {
        final List<byte[]> lines = new ArrayList<>();
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean any = false;
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0 || b == '\n') {
                if (b < 0 && !any) {
                    return lines;
                }
                byte[] bytes = line.toByteArray();
                if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                    bytes = Arrays.copyOf(bytes, bytes.length - 1);
                }
                lines.add(bytes.length > maxBytes ? Arrays.copyOf(line.toByteArray(), maxBytes + 1) : bytes);
                line.reset();
                any = false;
                if (b < 0) {
                    return lines;
                }
            } else {
                any = true;
                line.write(b);
            }
        }
    }
}
