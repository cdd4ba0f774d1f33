package org.operatefirst.anonymizer.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link TiersBenchmark}'s work measured in CPU time of the measuring thread rather than in wall-clock time: the
 * cost of one record, and what one core would do at that cost, independent of other load on the machine (a JMH
 * throughput score on a busy machine measures the machine). Run with
 * {@code java -cp benchmarks/target/benchmarks.jar org.operatefirst.anonymizer.benchmarks.CpuPerRecord
 * [corpus [guarded [seconds [kinds...]]]]}, e.g. {@code varied true 10 logs events metrics alerts mix}.
 */
public final class CpuPerRecord {

    private static final String BLACKHOLE_CHALLENGE =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";
    private static final long NANOS = 1_000_000_000L;

    private CpuPerRecord() {
    }

    /**
     * Measures each kind in turn and prints one line per kind.
     *
     * @param args corpus ({@code seed} or {@code varied}, default varied), guarded (default true), seconds of CPU
     *             to measure after as many of warm-up (default 10), then the kinds (default all and mix)
     */
    public static void main(final String[] args) {
        final String corpus = args.length > 0 ? args[0] : "varied";
        final boolean guarded = args.length <= 1 || Boolean.parseBoolean(args[1]);
        final double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        final List<String> kinds = args.length > 3 ? List.of(args).subList(3, args.length)
                : List.of("logs", "events", "metrics", "alerts", "mix");
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Blackhole blackhole = new Blackhole(BLACKHOLE_CHALLENGE);
        System.out.printf(Locale.ROOT, "%-8s %-7s %-7s %10s %12s %14s %12s%n", "kind", "corpus", "guarded",
                "records", "us/record", "records/s/core", "MB/s/core");
        for (final String kind : kinds) {
            final TiersBenchmark benchmark = new TiersBenchmark();
            benchmark.kind = kind;
            benchmark.corpus = corpus;
            benchmark.guarded = guarded;
            benchmark.setUp();
            long bytes = 0;
            for (final String record : benchmark.records()) {
                bytes += record.getBytes(StandardCharsets.UTF_8).length;
            }
            final double bytesPerRecord = (double) bytes / benchmark.records().size();
            run(benchmark, blackhole, threads, (long) (seconds * NANOS));
            final long start = threads.getCurrentThreadCpuTime();
            long records = 0;
            long spent;
            do {
                for (int i = 0; i < 1_000; i++) {
                    benchmark.publish(blackhole);
                }
                records += 1_000;
                spent = threads.getCurrentThreadCpuTime() - start;
            } while (spent < seconds * NANOS);
            final double perRecord = (double) spent / records;
            System.out.printf(Locale.ROOT, "%-8s %-7s %-7s %10d %12.2f %14.0f %12.1f%n", kind, corpus, guarded,
                    records, perRecord / 1_000, NANOS / perRecord, bytesPerRecord * NANOS / perRecord / 1e6);
        }
    }

    private static void run(final TiersBenchmark benchmark, final Blackhole blackhole, final ThreadMXBean threads,
            final long cpuNanos) {
        final long start = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - start < cpuNanos) {
            for (int i = 0; i < 1_000; i++) {
                benchmark.publish(blackhole);
            }
        }
    }
}
