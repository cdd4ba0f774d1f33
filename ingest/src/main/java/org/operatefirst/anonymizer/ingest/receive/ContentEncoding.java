package org.operatefirst.anonymizer.ingest.receive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Undoes a request's {@code Content-Encoding} within a size limit, so a small compressed body cannot expand into
 * an unbounded one. The HTTP server does not decompress request bodies itself
 * ({@code micronaut.server.netty.request-decompression-enabled: false}): it would do so without this limit, and
 * it would read remote_write's snappy block format as framed snappy.
 */
public final class ContentEncoding {

    private static final int CHUNK = 64 * 1024;

    private ContentEncoding() {
    }

    /** The outcome of decoding a body. */
    public sealed interface Result permits Decoded, Rejected {
    }

    /**
     * The body cannot be decoded.
     *
     * @param refusal the answer to give
     */
    public record Rejected(Received.Refused refusal) implements Result {
    }

    /**
     * The decoded body.
     *
     * @param bytes the body without its content encoding
     */
    public record Decoded(byte[] bytes) implements Result {
    }

    /**
     * Decodes a body that may be gzip-compressed.
     *
     * @param body     the request body
     * @param encoding the {@code Content-Encoding} header, or null
     * @param limits   the decoded size limit
     * @return the decoded body, or a refusal (415 for an encoding other than identity and gzip)
     */
    public static Result decodeGzipOrIdentity(final byte[] body, final String encoding, final Limits limits) {
        final String name = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "identity" -> body.length > limits.maxDecodedBytes()
                    ? new Rejected(tooLarge(limits)) : new Decoded(body);
            case "gzip", "x-gzip" -> gunzip(body, limits);
            default -> new Rejected(new Received.Refused(415, ErrorCodes.UNSUPPORTED_ENCODING,
                    "Content-Encoding '" + printable(name) + "' is not supported here: use gzip or none"));
        };
    }

    private static Result gunzip(final byte[] body, final Limits limits) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limits.maxDecodedBytes(),
                Math.max(CHUNK, body.length * 4)));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), CHUNK)) {
            final byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                if (out.size() + (long) read > limits.maxDecodedBytes()) {
                    return new Rejected(tooLarge(limits));
                }
                out.write(chunk, 0, read);
            }
        } catch (final IOException | RuntimeException e) {
            return new Rejected(Received.badRequest(ErrorCodes.BAD_GZIP, "the body is not valid gzip"));
        }
        return new Decoded(out.toByteArray());
    }

    private static Received.Refused tooLarge(final Limits limits) {
        return new Received.Refused(413, ErrorCodes.REQUEST_TOO_LARGE,
                "the decoded body is larger than " + limits.maxDecodedBytes() + " bytes");
    }

    /** A header value fit to quote in an error: printable ASCII, at most 40 characters. */
    static String printable(final String value) {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 40; i++) {
            final char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '\'' && c != '"' && c != '\\' ? c : '?');
        }
        return out.toString();
    }
}
