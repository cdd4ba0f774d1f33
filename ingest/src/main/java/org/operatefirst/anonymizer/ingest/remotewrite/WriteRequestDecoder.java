package org.operatefirst.anonymizer.ingest.remotewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the protobuf {@code prometheus.WriteRequest} of Prometheus remote_write 1.0 straight from the wire
 * format, without generated code: the message is small and stable, and reading it by hand keeps every length
 * checked against its enclosing message and every count bounded.
 *
 * <p>The fields read, from Prometheus {@code prompb/remote.proto} and {@code prompb/types.proto}:
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2;
 *                repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 * Metadata is skipped (HELP and TYPE of metric families, sent separately from samples). Exemplars and native
 * histograms are counted, not decoded: the receiver refuses histograms and drops exemplars (ADR-0012). Unknown
 * fields are skipped, as protobuf requires.
 *
 * <p>Linear in the input length. Stateless and thread-safe.
 */
public final class WriteRequestDecoder {

    private static final int MAX_LABELS = 1024;

    private final int maxSeries;
    private final int maxSamples;

    /**
     * Creates a decoder.
     *
     * @param maxSeries  the most series accepted in one request
     * @param maxSamples the most samples accepted in one request, over all series
     */
    public WriteRequestDecoder(final int maxSeries, final int maxSamples) {
        if (maxSeries <= 0 || maxSamples <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxSeries = maxSeries;
        this.maxSamples = maxSamples;
    }

    /** The outcome of decoding a request. */
    public sealed interface Result permits Decoded, Invalid, TooMany {
    }

    /**
     * The request's series.
     *
     * @param series    the series, in request order
     * @param exemplars how many exemplars the request held, all dropped
     */
    public record Decoded(List<Series> series, int exemplars) implements Result {
        /** Copies the list. */
        public Decoded {
            series = List.copyOf(series);
        }
    }

    /**
     * The request is not a valid WriteRequest.
     *
     * @param detail what is wrong, without label values
     */
    public record Invalid(String detail) implements Result {
        /** Validates the component. */
        public Invalid {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The request holds more series or samples than allowed.
     *
     * @param detail which limit, and the limit
     */
    public record TooMany(String detail) implements Result {
    }

    /**
     * One time series: its labels as sent (name and value alternating) and its samples.
     *
     * @param labels     label names and values, alternating: {@code [name0, value0, name1, value1, ...]}
     * @param timestamps sample timestamps, milliseconds since the epoch
     * @param values     sample values, parallel to {@code timestamps}
     * @param histograms how many native histogram samples the series held
     */
    public record Series(List<String> labels, long[] timestamps, double[] values, int histograms) {
        /** Copies the label list. */
        public Series {
            labels = List.copyOf(labels);
        }
    }

    /**
     * Decodes one uncompressed request body. Never throws on data.
     *
     * @param body the protobuf bytes
     * @return the series, or why the body was refused
     */
    public Result decode(final byte[] body) {
        final ProtoReader reader = new ProtoReader(body, 0, body.length);
        final List<Series> series = new ArrayList<>();
        int samples = 0;
        int exemplars = 0;
        while (reader.hasMore()) {
            final int tag = reader.readTag();
            if (tag < 0) {
                break;
            }
            if (tag >>> 3 == 1) {
                if (!reader.expect(tag, ProtoReader.LENGTH_DELIMITED)) {
                    break;
                }
                final int end = reader.readLengthDelimited();
                if (end < 0) {
                    break;
                }
                if (series.size() == maxSeries) {
                    return new TooMany("the request holds more than " + maxSeries + " series");
                }
                final SeriesReader one = new SeriesReader(body, reader.position(), end);
                final String failure = one.read();
                if (failure != null) {
                    return new Invalid("time series " + series.size() + ": " + failure);
                }
                samples += one.timestamps.size();
                if (samples > maxSamples) {
                    return new TooMany("the request holds more than " + maxSamples + " samples");
                }
                exemplars += one.exemplars;
                series.add(one.toSeries());
                reader.skipTo(end);
            } else {
                reader.skip(tag);
            }
        }
        if (reader.failure() != null) {
            return new Invalid("not a WriteRequest: " + reader.failure());
        }
        return new Decoded(series, exemplars);
    }

    /** Reads the fields of one TimeSeries message. */
    private static final class SeriesReader {
        private final byte[] body;
        private final int start;
        private final int end;
        private final List<String> labels = new ArrayList<>();
        private final LongList timestamps = new LongList();
        private final DoubleList values = new DoubleList();
        private int exemplars;
        private int histograms;

        SeriesReader(final byte[] body, final int start, final int end) {
            this.body = body;
            this.start = start;
            this.end = end;
        }

        String read() {
            final ProtoReader reader = new ProtoReader(body, start, end);
            while (reader.hasMore()) {
                final int tag = reader.readTag();
                if (tag < 0) {
                    break;
                }
                switch (tag >>> 3) {
                    case 1 -> {
                        if (reader.expect(tag, ProtoReader.LENGTH_DELIMITED)) {
                            readLabel(reader);
                        }
                    }
                    case 2 -> {
                        if (reader.expect(tag, ProtoReader.LENGTH_DELIMITED)) {
                            readSample(reader);
                        }
                    }
                    case 3 -> {
                        exemplars++;
                        reader.skip(tag);
                    }
                    case 4 -> {
                        histograms++;
                        reader.skip(tag);
                    }
                    default -> reader.skip(tag);
                }
            }
            return reader.failure();
        }

        private void readLabel(final ProtoReader outer) {
            final int labelEnd = outer.readLengthDelimited();
            if (labelEnd < 0) {
                return;
            }
            if (labels.size() >= 2 * MAX_LABELS) {
                outer.fail("more than " + MAX_LABELS + " labels");
                return;
            }
            final ProtoReader reader = new ProtoReader(body, outer.position(), labelEnd);
            String name = "";
            String value = "";
            while (reader.hasMore()) {
                final int tag = reader.readTag();
                if (tag < 0) {
                    break;
                }
                switch (tag >>> 3) {
                    case 1 -> name = reader.expect(tag, ProtoReader.LENGTH_DELIMITED) ? reader.readString() : null;
                    case 2 -> value = reader.expect(tag, ProtoReader.LENGTH_DELIMITED) ? reader.readString() : null;
                    default -> reader.skip(tag);
                }
            }
            if (reader.failure() != null) {
                outer.fail("label " + labels.size() / 2 + ": " + reader.failure());
                return;
            }
            labels.add(name);
            labels.add(value);
            outer.skipTo(labelEnd);
        }

        private void readSample(final ProtoReader outer) {
            final int sampleEnd = outer.readLengthDelimited();
            if (sampleEnd < 0) {
                return;
            }
            final ProtoReader reader = new ProtoReader(body, outer.position(), sampleEnd);
            double value = 0;
            long timestamp = 0;
            while (reader.hasMore()) {
                final int tag = reader.readTag();
                if (tag < 0) {
                    break;
                }
                switch (tag >>> 3) {
                    case 1 -> {
                        if (reader.expect(tag, ProtoReader.FIXED64)) {
                            value = Double.longBitsToDouble(reader.readFixed64());
                        }
                    }
                    case 2 -> {
                        if (reader.expect(tag, ProtoReader.VARINT)) {
                            timestamp = reader.readVarint();
                        }
                    }
                    default -> reader.skip(tag);
                }
            }
            if (reader.failure() != null) {
                outer.fail("sample " + timestamps.size() + ": " + reader.failure());
                return;
            }
            timestamps.add(timestamp);
            values.add(value);
            outer.skipTo(sampleEnd);
        }

        Series toSeries() {
            return new Series(labels, timestamps.toArray(), values.toArray(), histograms);
        }
    }

    /** A growable array of longs, to keep samples unboxed. */
    private static final class LongList {
        private long[] items = new long[4];
        private int size;

        void add(final long item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] items = new double[4];
        private int size;

        void add(final double item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }

        double[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
