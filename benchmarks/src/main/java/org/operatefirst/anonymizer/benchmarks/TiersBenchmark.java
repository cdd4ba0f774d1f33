package org.operatefirst.anonymizer.benchmarks;

import java.util.Arrays;
import java.util.EnumMap;
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
import org.operatefirst.anonymizer.scrubbers.LeakGuard;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.Detections;

/**
 * The publisher's work on one record outside Kafka, single-threaded: scrubbed for the sanitized and the public
 * tier with shared detections, as the topology's processor does, and each output checked by the leak guard. What
 * {@code anonymizer bench} measures on top of this is Kafka's part: consuming, producing two records with headers,
 * transactions. The score is records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TiersBenchmark {

    private static final int RECORDS = 10_000;

    /** The format, as in {@link ScrubberBenchmark}. */
    @Param({"logs", "events", "metrics", "alerts"})
    public String kind;

    /** Whether each output is checked by the leak guard, as the topology always does. */
    @Param({"true", "false"})
    public boolean guarded;

    private Scrubber sanitized;
    private Scrubber open;
    private LeakGuard guard;
    private RecordKind recordKind;
    private List<String> records;
    private int next;

    /** Builds the scrubbers of both tiers, the guard and the corpus. */
    @Setup(Level.Trial)
    public void setUp() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 1);
        final Map<Tier, Integer> epochs = new EnumMap<>(Map.of(Tier.SANITIZED, 0, Tier.PUBLIC, 2026));
        final Map<Tier, Scrubber> scrubbers = Scrubber.createAll(MasterSecret.of(secret), epochs,
                ScrubPolicy.defaults(), IdentityDirectory.empty());
        sanitized = scrubbers.get(Tier.SANITIZED);
        open = scrubbers.get(Tier.PUBLIC);
        guard = LeakGuard.create(ScrubPolicy.defaults(), IdentityDirectory.empty());
        recordKind = RecordKind.fromName(kind).orElseThrow();
        records = Corpus.of(recordKind, RECORDS);
    }

    /**
     * Scrubs the next record of the corpus for both tiers and, if guarded, checks both outputs.
     *
     * @param blackhole consumes the results
     */
    @Benchmark
    public void publish(final Blackhole blackhole) {
        final String record = records.get(next);
        next = next + 1 == records.size() ? 0 : next + 1;
        final Detections detections = new Detections();
        for (final Scrubber scrubber : new Scrubber[] {sanitized, open}) {
            final ScrubResult result = scrubber.scrub(recordKind, record, detections);
            if (guarded && result instanceof ScrubResult.Scrubbed scrubbed) {
                blackhole.consume(guard.check(record, scrubbed.output()));
            }
            blackhole.consume(result);
        }
    }
}
