package org.operatefirst.anonymizer.publisher.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a byte stream line by line, as raw bytes, so that each line can be decoded on its own and a bad line
 * does not end the stream. A line is what precedes a {@code \n} (or the end of the stream), without one trailing
 * {@code \r}. A line longer than the limit is returned cut at the limit plus one byte (so the decoder rejects it as
 * too large) and the rest of it is skipped.
 *
 * <p>Reads the stream in large chunks and searches each for {@code \n}, rather than byte by byte: at line rate the
 * per-byte calls cost more than scrubbing. Not thread-safe.
 */
final class LineReader {

    /** How much is read from the stream at a time, at least. */
    static final int CHUNK_BYTES = 1 << 20;

    private final InputStream in;
    private final int maxBytes;
    private byte[] buffer;
    private int position;
    private int limit;

    /**
     * Creates a reader.
     *
     * @param in       the stream
     * @param maxBytes the longest line returned whole, in bytes
     */
    LineReader(final InputStream in, final int maxBytes) {
        this(in, maxBytes, CHUNK_BYTES);
    }

    /** For tests: a small chunk puts lines across chunk boundaries. */
    LineReader(final InputStream in, final int maxBytes, final int chunkBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.buffer = new byte[chunkBytes];
    }

    /**
     * The next line, without its {@code \n} or {@code \r\n}.
     *
     * @return the line's bytes, or {@code null} at the end of the stream
     * @throws IOException if reading fails
     */
    byte[] next() throws IOException {
        int scanFrom = position;
        while (true) {
            final int newline = indexOfNewline(scanFrom, limit);
            if (newline >= 0) {
                final byte[] line = line(position, newline);
                position = newline + 1;
                return line;
            }
            // Without a newline in maxBytes + 2 bytes the line is too long whether or not it ends in "\r\n".
            if ((long) limit - position >= (long) maxBytes + 2) {
                final byte[] cut = Arrays.copyOfRange(buffer, position, position + maxBytes + 1);
                position = limit;
                skipRestOfLine();
                return cut;
            }
            final int scanned = limit - position;
            if (fill() < 0) {
                if (position == limit) {
                    return null;
                }
                final byte[] last = line(position, limit);
                position = limit;
                return last;
            }
            scanFrom = position + scanned;
        }
    }

    private int indexOfNewline(final int from, final int to) {
        final byte[] bytes = buffer;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private byte[] line(final int from, final int to) {
        int end = to;
        if (end > from && buffer[end - 1] == '\r') {
            end--;
        }
        return Arrays.copyOfRange(buffer, from, end - from > maxBytes ? from + maxBytes + 1 : end);
    }

    private void skipRestOfLine() throws IOException {
        while (true) {
            final int newline = indexOfNewline(position, limit);
            if (newline >= 0) {
                position = newline + 1;
                return;
            }
            position = limit;
            if (fill() < 0) {
                return;
            }
        }
    }

    /**
     * Moves the unread bytes to the start of the buffer (growing it if they fill it) and reads more after them.
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    private int fill() throws IOException {
        final int pending = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, pending);
            position = 0;
            limit = pending;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, 16));
        }
        final int read = in.read(buffer, limit, buffer.length - limit);
        if (read > 0) {
            limit += read;
        }
        return read;
    }
}
