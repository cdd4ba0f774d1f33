package org.operatefirst.anonymizer.publisher.bench;

import java.util.Objects;

/**
 * What one topology achieved in {@code anonymizer bench}.
 *
 * @param topology         the topology's name, {@code scrub} or {@code copy}
 * @param records          records in the throughput phase
 * @param inputBytes       bytes of their values
 * @param seconds          from the Kafka Streams client reaching {@code RUNNING} to the last of them read from
 *                         the sanitized (or quarantine) topics
 * @param latencyRecords   records in the latency phase, produced at a fixed rate
 * @param latencySamples   of those, the ones read from a public topic (the public tier may withhold some by
 *                         policy): the latencies below are theirs
 * @param latencyP50Millis median end-to-end latency of the latency phase, in milliseconds
 * @param latencyP99Millis 99th percentile of the same
 * @param quarantined      records that went to quarantine instead of the public topics, over both phases
 * @param cpuNanos         CPU time of the whole process (broker, topology, producers, reader) over the timed
 *                         records, or -1 if the JVM does not tell
 * @param streamsCpuNanos  of that, the CPU time of the Kafka Streams application's own threads (stream threads,
 *                         their clients' network threads), or -1 if the JVM does not tell
 */
public record Measurement(String topology, long records, long inputBytes, double seconds, long latencyRecords,
        long latencySamples, long latencyP50Millis, long latencyP99Millis, long quarantined, long cpuNanos,
        long streamsCpuNanos) {

    /** Validates the components. */
    public Measurement {
        Objects.requireNonNull(topology, "topology");
        if (records < 1 || seconds <= 0) {
            throw new IllegalArgumentException("a measurement needs records and a positive duration");
        }
    }

    /**
     * The throughput in records.
     *
     * @return records per second
     */
    public double recordsPerSecond() {
        return records / seconds;
    }

    /**
     * The throughput in raw bytes.
     *
     * @return megabytes (10<sup>6</sup> bytes) of record values per second
     */
    public double megabytesPerSecond() {
        return inputBytes / seconds / 1e6;
    }

    /**
     * The CPU time one record costs the whole process: on a machine shared with other work, a steadier figure than
     * the throughput, which measures the machine too.
     *
     * @return microseconds of CPU per timed record, or NaN if unknown
     */
    public double cpuMicrosPerRecord() {
        return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e3 / records;
    }

    /**
     * The CPU time one record costs the Kafka Streams application's own threads: the topology's work, without the
     * broker, the bench's reader, the JIT compiler and the garbage collector.
     *
     * @return microseconds of CPU per timed record, or NaN if unknown
     */
    public double streamsCpuMicrosPerRecord() {
        return streamsCpuNanos < 0 ? Double.NaN : streamsCpuNanos / 1e3 / records;
    }
}
