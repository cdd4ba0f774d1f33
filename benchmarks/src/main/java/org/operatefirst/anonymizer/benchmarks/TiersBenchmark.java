package org.operatefirst.anonymizer.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
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

    /** Records of the seed corpus; the varied corpus has more than the pseudonym caches hold (65,536). */
    private static final int SEED_RECORDS = 10_000;
    private static final int VARIED_RECORDS = 100_000;
    private static final String MIX = "mix";

    /**
     * The format, as in {@link ScrubberBenchmark}, or {@code mix}: the four interleaved in the proportions of
     * {@code anonymizer bench} (logs 60, events 20, metrics 15, alerts 5), so that every call site sees every
     * format, as in the topology.
     */
    @Param({"logs", "events", "metrics", "alerts", "mix"})
    public String kind;

    /**
     * The corpus: {@code seed}, the seed's shapes with few distinct values, or {@code varied}, many distinct values
     * per field, more log shapes and an identity directory of four thousand people (see {@link Corpus}).
     */
    @Param({"seed", "varied"})
    public String corpus;

    /** Whether each output is checked by the leak guard, as the topology always does. */
    @Param({"true", "false"})
    public boolean guarded;

    private Scrubber sanitized;
    private Scrubber open;
    private LeakGuard guard;
    private Corpus.Variety variety;
    private int count;
    private List<RecordKind> kinds;
    private List<String> records;
    private int next;

    /** Builds the scrubbers of both tiers, the guard and the corpus. */
    @Setup(Level.Trial)
    public void setUp() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 1);
        final Map<Tier, Integer> epochs = new EnumMap<>(Map.of(Tier.SANITIZED, 0, Tier.PUBLIC, 2026));
        variety = Corpus.Variety.of(corpus);
        final IdentityDirectory directory = variety == Corpus.Variety.VARIED
                ? IdentityDirectory.of(Corpus.directory()) : IdentityDirectory.empty();
        final Map<Tier, Scrubber> scrubbers = Scrubber.createAll(MasterSecret.of(secret), epochs,
                ScrubPolicy.defaults(), directory);
        sanitized = scrubbers.get(Tier.SANITIZED);
        open = scrubbers.get(Tier.PUBLIC);
        guard = LeakGuard.create(ScrubPolicy.defaults(), directory);
        count = variety == Corpus.Variety.VARIED ? VARIED_RECORDS : SEED_RECORDS;
        if (MIX.equals(kind)) {
            mix();
        } else {
            final RecordKind only = RecordKind.fromName(kind).orElseThrow();
            records = Corpus.of(only, count, variety);
            kinds = Collections.nCopies(count, only);
        }
    }

    /**
     * The records of the corpus, in the order they are published.
     *
     * @return the records
     */
    List<String> records() {
        return Collections.unmodifiableList(records);
    }

    /** Interleaves the corpora: in every 20 records, 12 log lines, 4 events, 3 scrapes and 1 alert. */
    private void mix() {
        final Map<RecordKind, Integer> shares = new EnumMap<>(Map.of(RecordKind.LOGS, 12, RecordKind.EVENTS, 4,
                RecordKind.METRICS, 3, RecordKind.ALERTS, 1));
        final Map<RecordKind, Iterator<String>> corpora = new EnumMap<>(RecordKind.class);
        shares.forEach((each, share) -> corpora.put(each, Corpus.of(each, count * share / 20, variety).iterator()));
        records = new ArrayList<>(count);
        kinds = new ArrayList<>(count);
        while (records.size() < count) {
            shares.forEach((each, share) -> {
                for (int i = 0; i < share; i++) {
                    records.add(corpora.get(each).next());
                    kinds.add(each);
                }
            });
        }
    }

    /**
     * Scrubs the next record of the corpus for both tiers and, if guarded, checks both outputs.
     *
     * @param blackhole consumes the results
     */
    @Benchmark
    public void publish(final Blackhole blackhole) {
        final String record = records.get(next);
        final RecordKind recordKind = kinds.get(next);
        next = next + 1 == records.size() ? 0 : next + 1;
        final Detections detections = new Detections();
        // The raw record is inspected once, and each tier's output checked against it, as the processor does.
        final LeakGuard.RawText raw = guarded ? guard.inspect(record) : null;
        for (final Scrubber scrubber : new Scrubber[] {sanitized, open}) {
            final ScrubResult result = scrubber.scrub(recordKind, record, detections);
            if (guarded && result instanceof ScrubResult.Scrubbed scrubbed) {
                blackhole.consume(guard.check(raw, scrubbed.output()));
            }
            blackhole.consume(result);
        }
    }
}
