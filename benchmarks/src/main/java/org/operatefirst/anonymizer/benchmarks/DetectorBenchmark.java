package org.operatefirst.anonymizer.benchmarks;

import java.util.ArrayList;
import java.util.List;
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
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.detect.ContextUsernameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.IpAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerNameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlugDetector;
import org.operatefirst.anonymizer.scrubbers.detect.MacAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.NameTemplate;
import org.operatefirst.anonymizer.scrubbers.detect.SecretDetector;

/**
 * Single-threaded scanning throughput of each detector alone over the log-line corpus: where the time of a scrub
 * goes before any rewriting. One operation scans one line; the score is lines per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmark {

    private static final int RECORDS = 10_000;

    /** The detector: {@code email}, {@code ip}, {@code kubespawner}, {@code safeslug}, {@code context},
     * {@code secret} or {@code mac}. */
    @Param({"email", "ip", "kubespawner", "safeslug", "context", "secret", "mac"})
    public String detector;

    private Detector scanner;
    private List<String> lines;
    private final List<Finding> findings = new ArrayList<>();
    private int next;

    /** Builds the detector and the corpus. */
    @Setup(Level.Trial)
    public void setUp() {
        scanner = switch (detector) {
            case "email" -> new EmailDetector();
            case "ip" -> new IpAddressDetector();
            case "kubespawner" -> new KubeSpawnerNameDetector(NameTemplate.defaults());
            case "safeslug" -> new KubeSpawnerSafeSlugDetector(NameTemplate.defaults());
            case "context" -> new ContextUsernameDetector(ScrubPolicy.defaults().usernameFields());
            case "secret" -> new SecretDetector();
            case "mac" -> new MacAddressDetector();
            default -> throw new IllegalArgumentException("no detector " + detector);
        };
        lines = Corpus.logLines(RECORDS);
    }

    /**
     * Scans the next line.
     *
     * @return the number of findings, so the scan is not optimised away
     */
    @Benchmark
    public int detect() {
        findings.clear();
        scanner.detect(lines.get(next), findings);
        next = next + 1 == lines.size() ? 0 : next + 1;
        return findings.size();
    }
}
