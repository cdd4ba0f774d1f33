package org.operatefirst.anonymizer.ingest.remotewrite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.xerial.snappy.Snappy;

/** Builds remote_write request bodies the way Prometheus does: protobuf WriteRequest, snappy block format. */
public final class WriteRequests {

    private final ByteArrayOutputStream request = new ByteArrayOutputStream();

    /**
     * Adds a series.
     *
     * @param labels  names and values, alternating
     * @param samples timestamp and value pairs: {@code {ts, value, ts, value, ...}}
     * @return this
     */
    public WriteRequests series(final String[] labels, final double... samples) {
        final ByteArrayOutputStream series = new ByteArrayOutputStream();
        for (int i = 0; i < labels.length; i += 2) {
            final ByteArrayOutputStream label = new ByteArrayOutputStream();
            field(label, 1, labels[i].getBytes(StandardCharsets.UTF_8));
            field(label, 2, labels[i + 1].getBytes(StandardCharsets.UTF_8));
            field(series, 1, label.toByteArray());
        }
        for (int i = 0; i < samples.length; i += 2) {
            final ByteArrayOutputStream sample = new ByteArrayOutputStream();
            varint(sample, 1 << 3 | 1);
            final long bits = Double.doubleToRawLongBits(samples[i + 1]);
            for (int b = 0; b < 8; b++) {
                sample.write((int) (bits >>> (8 * b)) & 0xff);
            }
            varint(sample, 2 << 3);
            varint(sample, (long) samples[i]);
            field(series, 2, sample.toByteArray());
        }
        field(request, 1, series.toByteArray());
        return this;
    }

    /**
     * Adds a raw field to the request, for example an unknown one or a metadata entry.
     *
     * @param number the field number
     * @param bytes  the field's bytes
     * @return this
     */
    public WriteRequests rawField(final int number, final byte[] bytes) {
        field(request, number, bytes);
        return this;
    }

    /** {@return the uncompressed protobuf} */
    public byte[] protobuf() {
        return request.toByteArray();
    }

    /** {@return the body as Prometheus sends it: snappy block format} */
    public byte[] body() {
        try {
            return Snappy.compress(protobuf());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a length-delimited field.
     *
     * @param out    where
     * @param number the field number
     * @param bytes  the content
     */
    static void field(final ByteArrayOutputStream out, final int number, final byte[] bytes) {
        varint(out, (long) number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    static void varint(final ByteArrayOutputStream out, final long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
