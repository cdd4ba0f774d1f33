package org.operatefirst.anonymizer.publisher.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a byte stream line by line, as raw bytes, so that each line can be decoded on its own and a bad line
 * does not end the stream. A line longer than the limit is returned cut at the limit plus one byte (so the
 * decoder rejects it as too large) and the rest of it is skipped.
 */
final class LineReader {

    private final BufferedInputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineReader(final InputStream in, final int maxBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.maxBytes = maxBytes;
    }

    /**
     * The next line, without its {@code \n} or {@code \r\n}.
     *
     * @return the line's bytes, or {@code null} at the end of the stream
     * @throws IOException if reading fails
     */
    byte[] next() throws IOException {
        line.reset();
        boolean any = false;
        for (int b = in.read(); b >= 0; b = in.read()) {
            any = true;
            if (b == '\n') {
                return withoutCarriageReturn();
            }
            if (line.size() <= maxBytes) {
                line.write(b);
            }
        }
        return any ? withoutCarriageReturn() : null;
    }

    private byte[] withoutCarriageReturn() {
        final byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }
}
