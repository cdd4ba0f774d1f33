package org.operatefirst.anonymizer.publisher.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of {@code anonymizer bench}: the publisher topology ({@code scrub}) against the copy topology
 * ({@code copy}) on the same records, broker, partitions and Kafka Streams configuration, and optionally the frame
 * topology ({@code frame}: decoding and provenance headers without scrubbing, the most any publisher topology
 * could reach).
 *
 * @param mix         the record mix
 * @param partitions  partitions of every topic
 * @param warmup      records each topology processed before its throughput was timed
 * @param latencyRate records per second in the latency phase
 * @param scrub       the publisher topology's measurement
 * @param copy        the copy topology's measurement
 * @param frame       the frame topology's measurement, or null if it was not measured
 */
public record BenchResult(RecordMix mix, int partitions, int warmup, int latencyRate, Measurement scrub,
        Measurement copy, Measurement frame) {

    /** The throughput the publisher topology must sustain, as a share of the copy topology's. */
    public static final double TARGET_RATIO = 0.60;

    /** The throughput the publisher topology must sustain, as a share of the frame topology's. */
    public static final double TARGET_FRAME_SHARE = 0.50;

    /** Validates the components. */
    public BenchResult {
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(scrub, "scrub");
        Objects.requireNonNull(copy, "copy");
    }

    /**
     * The publisher topology's throughput as a share of the copy topology's.
     *
     * @return records per second of {@code scrub} over those of {@code copy}
     */
    public double ratio() {
        return scrub.recordsPerSecond() / copy.recordsPerSecond();
    }

    /**
     * The frame topology's throughput as a share of the copy topology's: the highest ratio any topology that
     * decodes records and writes them with provenance could reach, however cheap its scrubbing.
     *
     * @return records per second of {@code frame} over those of {@code copy}, or NaN if it was not measured
     */
    public double frameRatio() {
        return frame == null ? Double.NaN : frame.recordsPerSecond() / copy.recordsPerSecond();
    }

    /**
     * The publisher topology's throughput as a share of the frame topology's: what its scrubbing costs, against a
     * topology that does everything else it does.
     *
     * @return records per second of {@code scrub} over those of {@code frame}, or NaN if it was not measured
     */
    public double frameShare() {
        return frame == null ? Double.NaN : scrub.recordsPerSecond() / frame.recordsPerSecond();
    }

    /**
     * Whether the publisher topology sustains {@link #TARGET_RATIO} of the copy topology's throughput.
     *
     * @return whether the target is met
     */
    public boolean targetMet() {
        return ratio() >= TARGET_RATIO;
    }

    /**
     * Prints the result as a table.
     *
     * @param out where to print
     */
    public void printText(final PrintWriter out) {
        out.printf(Locale.ROOT, "anonymizer bench: %d records (%s), %.1f MB, %d partitions, exactly_once_v2%n",
                scrub.records(), mix, scrub.inputBytes() / 1e6, partitions);
        out.printf(Locale.ROOT, "%-10s %12s %9s %9s %9s %12s %12s %12s%n", "topology", "records/s", "MB/s",
                "p50 ms", "p99 ms", "quarantined", "CPU us/rec", "streams us");
        for (final Measurement m : measurements()) {
            out.printf(Locale.ROOT, "%-10s %12.0f %9.2f %9d %9d %12d %12.1f %12.1f%n", m.topology(),
                    m.recordsPerSecond(), m.megabytesPerSecond(), m.latencyP50Millis(), m.latencyP99Millis(),
                    m.quarantined(), m.cpuMicrosPerRecord(), m.streamsCpuMicrosPerRecord());
        }
        out.printf(Locale.ROOT, "CPU us/rec: of the whole process per timed record (broker, topology, reader, JIT, GC);"
                + " streams us: of the topology's own threads%n");
        out.printf(Locale.ROOT, "throughput scrub/copy: %.2f (target %.2f: %s)%n", ratio(), TARGET_RATIO,
                targetMet() ? "met" : "missed");
        if (frame != null) {
            out.printf(Locale.ROOT, "throughput frame/copy: %.2f (the most any topology that decodes records and "
                    + "writes them with provenance headers reaches here, scrubbing nothing)%n", frameRatio());
            out.printf(Locale.ROOT, "throughput scrub/frame: %.2f (target %.2f: %s)%n", frameShare(),
                    TARGET_FRAME_SHARE, frameShare() >= TARGET_FRAME_SHARE ? "met" : "missed");
            out.printf(Locale.ROOT, "CPU per record frame/scrub: %.2f (what scrub/frame would be if CPU were all "
                    + "that limits both)%n", frame.cpuMicrosPerRecord() / scrub.cpuMicrosPerRecord());
        }
        out.printf(Locale.ROOT, "throughput: a backlog of %d records, timed after the first %d; latency: %d records "
                + "at %d records/s, produce to read_committed on the public topics%n", warmup + scrub.records(),
                warmup, scrub.latencyRecords(), latencyRate);
    }

    /**
     * Prints the result as one JSON object.
     *
     * @param out where to print
     */
    public void printJson(final PrintWriter out) {
        out.printf(Locale.ROOT, "{\"records\":%d,\"mix\":\"%s\",\"partitions\":%d,\"warmupRecords\":%d,"
                + "\"processingGuarantee\":\"exactly_once_v2\",\"latencyRate\":%d,\"topologies\":{%s},"
                + "\"ratio\":%.4f,%s\"target\":%.2f,\"targetMet\":%b}%n", scrub.records(), mix, partitions, warmup,
                latencyRate, String.join(",", measurements().stream().map(BenchResult::json).toList()), ratio(),
                frame == null ? "" : String.format(Locale.ROOT, "\"frameRatio\":%.4f,\"frameShare\":%.4f,",
                        frameRatio(), frameShare()),
                TARGET_RATIO, targetMet());
    }

    private List<Measurement> measurements() {
        return frame == null ? List.of(scrub, copy) : List.of(scrub, frame, copy);
    }

    private static String json(final Measurement m) {
        return String.format(Locale.ROOT, "\"%s\":{\"records\":%d,\"inputBytes\":%d,\"seconds\":%.3f,"
                + "\"recordsPerSecond\":%.1f,\"megabytesPerSecond\":%.3f,\"latencyRecords\":%d,\"latencySamples\":%d,"
                + "\"latencyP50Ms\":%d,\"latencyP99Ms\":%d,\"quarantined\":%d,\"cpuMicrosPerRecord\":%s,"
                + "\"streamsCpuMicrosPerRecord\":%s}",
                m.topology(), m.records(), m.inputBytes(), m.seconds(), m.recordsPerSecond(), m.megabytesPerSecond(),
                m.latencyRecords(), m.latencySamples(), m.latencyP50Millis(), m.latencyP99Millis(), m.quarantined(),
                orNull(m.cpuMicrosPerRecord()), orNull(m.streamsCpuMicrosPerRecord()));
    }

    private static String orNull(final double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.2f", value);
    }
}
