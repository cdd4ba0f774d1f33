package org.operatefirst.anonymizer.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextDecoderTest {

    private final TextDecoder decoder = new TextDecoder(64);

    static Stream<Arguments> decodable() {
        return Stream.of(
                Arguments.of("plain line", "plain line"),
                Arguments.of("line with LF\n", "line with LF"),
                Arguments.of("line with CRLF\r\n", "line with CRLF"),
                Arguments.of("only one terminator is removed\n\n", "only one terminator is removed\n"),
                Arguments.of("", ""),
                Arguments.of("\n", ""),
                Arguments.of("ünïcødé ✓", "ünïcødé ✓"),
                // A replacement character that is in the text is text, not a decoding error.
                Arguments.of("a \uFFFD b\n", "a \uFFFD b"));
    }

    @ParameterizedTest
    @MethodSource("decodable")
    void decodesUtf8TextAndDropsOneTrailingTerminator(final String input, final String expected) {
        assertThat(decoder.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new DecodeResult.Decoded(expected));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(null, TextDecoder.REASON_EMPTY),
                Arguments.of(new byte[65], TextDecoder.REASON_TOO_LARGE),
                Arguments.of(new byte[] {'a', (byte) 0xC3}, TextDecoder.REASON_NOT_UTF8),
                Arguments.of(new byte[] {(byte) 0xFF, 'a'}, TextDecoder.REASON_NOT_UTF8),
                // An overlong encoding of '@' must not be decoded into an '@' the detectors never see.
                Arguments.of(new byte[] {(byte) 0xC0, (byte) 0x80}, TextDecoder.REASON_NOT_UTF8),
                // A UTF-16 surrogate encoded in UTF-8, beside a replacement character that is valid.
                Arguments.of(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xED, (byte) 0xA0,
                    (byte) 0x80}, TextDecoder.REASON_NOT_UTF8));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsWithAStableReason(final byte[] value, final String reason) {
        assertThat(decoder.decode(value))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void acceptsAValueOfExactlyTheLimit() {
        assertThat(decoder.decode(new byte[64])).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new TextDecoder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes");
    }
}
