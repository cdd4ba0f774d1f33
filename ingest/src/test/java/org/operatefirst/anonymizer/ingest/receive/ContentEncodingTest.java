package org.operatefirst.anonymizer.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentEncodingTest {

    private static final Limits LIMITS = new Limits(1000, 100, 10, 8);

    @ParameterizedTest(name = "[{index}] {0}")
    @NullSource
    @ValueSource(strings = {"identity", "", " Identity "})
    void passesIdentityThrough(final String encoding) {
        final byte[] body = "a\n".getBytes(StandardCharsets.UTF_8);

        assertThat(ContentEncoding.decodeGzipOrIdentity(body, encoding, LIMITS))
                .isEqualTo(new ContentEncoding.Decoded(body));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"gzip", "x-gzip", "GZIP"})
    void gunzips(final String encoding) throws IOException {
        final ContentEncoding.Result result = ContentEncoding.decodeGzipOrIdentity(gzip(1000), encoding, LIMITS);

        assertThat(result).isInstanceOfSatisfying(ContentEncoding.Decoded.class,
                decoded -> assertThat(decoded.bytes()).hasSize(1000));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            gzip    | 1001 | 413 | request_too_large
            br      | 10   | 415 | unsupported_encoding
            deflate | 10   | 415 | unsupported_encoding
            """)
    void refusesBombsAndOtherEncodings(final String encoding, final int size, final int status, final String error)
            throws IOException {
        final ContentEncoding.Result result = ContentEncoding.decodeGzipOrIdentity(gzip(size), encoding, LIMITS);

        assertThat(result).isInstanceOfSatisfying(ContentEncoding.Rejected.class, rejected -> {
            assertThat(rejected.refusal().status()).isEqualTo(status);
            assertThat(rejected.refusal().error()).isEqualTo(error);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"not gzip at all", ""})
    void refusesInvalidGzip(final String body) {
        final ContentEncoding.Result result = ContentEncoding.decodeGzipOrIdentity(
                body.getBytes(StandardCharsets.UTF_8), "gzip", LIMITS);

        assertThat(result).isInstanceOfSatisfying(ContentEncoding.Rejected.class,
                rejected -> assertThat(rejected.refusal().error()).isEqualTo(ErrorCodes.BAD_GZIP));
    }

    private static byte[] gzip(final int zeros) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(new byte[zeros]);
        }
        return out.toByteArray();
    }
}
