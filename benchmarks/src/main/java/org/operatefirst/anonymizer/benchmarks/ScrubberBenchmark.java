package org.operatefirst.anonymizer.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;

/**
 * Single-threaded scrubbing throughput per format. One operation scrubs one record; the score is records per
 * second, and {@code docs/benchmarks.md} converts it to MB/s with the corpus's mean record size, which the setup
 * prints.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrubberBenchmark {

    private static final int RECORDS = 10_000;

    /**
     * The format: {@code logs} (plain log lines), {@code events} (Kubernetes Event JSON), {@code metrics}
     * (Prometheus exposition text) or {@code alerts} (Alertmanager webhook JSON).
     */
    @Param({"logs", "events", "metrics", "alerts"})
    public String kind;

    /**
     * The memory of user names learned across records (ADR-0024): {@code off}, as the other scrubber factories, or
     * {@code on}, as the service runs, with the default policy's capacity and expiry ({@code -p learned=on}).
     */
    @Param({"off"})
    public String learned;

    private Scrubber scrubber;
    private RecordKind recordKind;
    private List<String> records;
    private int next;

    /** Builds the scrubber and the corpus. */
    @Setup(Level.Trial)
    public void setUp() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 1);
        final ScrubPolicy policy = ScrubPolicy.defaults();
        scrubber = "on".equals(learned)
                ? Scrubber.createAll(MasterSecret.of(secret), Map.of(Tier.PUBLIC, 2026), policy,
                        IdentityDirectory.empty(), LearnedIdentities.of(policy.learnedNamesCapacity(),
                                policy.learnedNamesTtl())).get(Tier.PUBLIC)
                : Scrubber.create(MasterSecret.of(secret), Tier.PUBLIC, 2026);
        recordKind = RecordKind.fromName(kind).orElseThrow();
        records = Corpus.of(recordKind, RECORDS);
        for (final String record : records) {
            if (scrubber.scrub(recordKind, record) instanceof ScrubResult.Failed failed) {
                throw new IllegalStateException("the corpus does not scrub: " + failed);
            }
        }
        System.out.printf("%n%s: %d records, mean %.1f bytes%n", kind, records.size(),
                (double) Corpus.bytes(records) / records.size());
    }

    /**
     * Scrubs the next record of the corpus.
     *
     * @param blackhole consumes the result
     */
    @Benchmark
    public void scrub(final Blackhole blackhole) {
        blackhole.consume(scrubber.scrub(recordKind, records.get(next)));
        next = next + 1 == records.size() ? 0 : next + 1;
    }
}
