package org.operatefirst.anonymizer.publisher.cli;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.streams.Topology;
import org.operatefirst.anonymizer.publisher.bench.BenchRecords;
import org.operatefirst.anonymizer.publisher.bench.BenchResult;
import org.operatefirst.anonymizer.publisher.bench.BenchRun;
import org.operatefirst.anonymizer.publisher.bench.CopyTopology;
import org.operatefirst.anonymizer.publisher.bench.FrameTopology;
import org.operatefirst.anonymizer.publisher.bench.Measurement;
import org.operatefirst.anonymizer.publisher.bench.RecordMix;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.operatefirst.anonymizer.publisher.kafka.KafkaClientProperties;
import org.operatefirst.anonymizer.publisher.kafka.TopicProvisioner;
import org.operatefirst.anonymizer.publisher.streams.PublisherStreams;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.publisher.topology.TopologySettings;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anonymizer bench}: on a throw-away embedded broker, runs the publisher topology and a topology that only
 * copies records over the same generated records, topics layout, partitions and Kafka Streams configuration
 * ({@code exactly_once_v2}), and prints records/s, MB/s and end-to-end latency of both; with {@code --frame}, also
 * of a topology that frames records as the publisher does without scrubbing them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the publisher topology against a topology that only copies records, on a",
            "temporary embedded broker, with generated records shaped like the bundled samples (fictional",
            "identities, varied per record). Prints records/s, MB/s and end-to-end p50/p99 latency of both."})
final class BenchCommand implements Callable<Integer> {

    /** The topics of the publisher topology under test: not the service's, so a bench never touches them. */
    static final TopicNames SCRUB_TOPICS = new TopicNames("bench.scrub.raw.", "bench.scrub.sanitized.",
            "bench.scrub.public.", "bench.scrub.quarantine", "bench.scrub.identities", "bench.scrub.consent");
    /** The topics of the copy topology. */
    static final TopicNames COPY_TOPICS = new TopicNames("bench.copy.raw.", "bench.copy.sanitized.",
            "bench.copy.public.", "bench.copy.quarantine", "bench.copy.identities", "bench.copy.consent");

    /** The topics of the priming run. */
    static final TopicNames PRIME_TOPICS = new TopicNames("bench.prime.raw.", "bench.prime.sanitized.",
            "bench.prime.public.", "bench.prime.quarantine", "bench.prime.identities", "bench.prime.consent");
    private static final int PRIME_LATENCY_RECORDS = 1_000;

    /** The topics of the frame topology. */
    static final TopicNames FRAME_TOPICS = new TopicNames("bench.frame.raw.", "bench.frame.sanitized.",
            "bench.frame.public.", "bench.frame.quarantine", "bench.frame.identities", "bench.frame.consent");

    @Spec
    private CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Records in the throughput phase, per topology (default: ${DEFAULT-VALUE}).")
    private int records;

    @Option(names = "--warmup-records", paramLabel = "N", defaultValue = "100000",
            description = {"Records processed before the clock starts, per topology, so that the rate measured is",
                "the sustained one of compiled code (default: ${DEFAULT-VALUE}; 0 measures from start)."})
    private int warmupRecords;

    @Option(names = "--prime-records", paramLabel = "N", defaultValue = "200000",
            description = {"Records copied, untimed, before any topology is measured, so that the Kafka clients' and",
                "the broker's code that every topology shares is compiled before the first one is timed",
                "(default: ${DEFAULT-VALUE}; 0 skips it, and the first topology measured pays for that compiling)."})
    private int primeRecords;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}, the service's default).")
    private int partitions;

    @Option(names = "--record-mix", paramLabel = "MIX", defaultValue = RecordMix.DEFAULT,
            description = "Weights of the kinds (default: ${DEFAULT-VALUE}).")
    private String recordMix;

    @Option(names = "--latency-records", paramLabel = "N", defaultValue = "10000",
            description = "Records in the latency phase, per topology (default: ${DEFAULT-VALUE}).")
    private int latencyRecords;

    @Option(names = "--latency-rate", paramLabel = "N", defaultValue = "1000",
            description = "Records per second in the latency phase (default: ${DEFAULT-VALUE}).")
    private int latencyRate;

    @Option(names = "--users", paramLabel = "N", defaultValue = "10000",
            description = "Distinct fictional users the records are spread over (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the record generator (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long each phase may take (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--frame",
            description = {"Also measure the frame topology: it decodes each record and writes it to both tiers with",
                "the provenance headers, scrubbing nothing; the most any publisher topology could reach."})
    private boolean frame;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        final CommandLine commandLine = spec.commandLine();
        final RecordMix mix;
        try {
            mix = RecordMix.parse(recordMix);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "Invalid --record-mix: " + e.getMessage());
        }
        if (warmupRecords < 0 || primeRecords < 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--warmup-records and --prime-records must not be negative");
        }
        if (records < 1 || partitions < 1 || latencyRecords < 1 || latencyRate < 1 || users < 1
                || timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(commandLine,
                    "--records, --partitions, --latency-records, --latency-rate, --users and --timeout must be "
                            + "positive");
        }
        final Map<RecordKind, List<String>> samples = samples();
        final Supplier<BenchRecords> generator = () -> new BenchRecords(samples, mix, seed, users);
        final Path dataDir = Files.createTempDirectory("anonymizer-bench-");
        try (Service service = Service.start(serviceProperties(dataDir))) {
            final ApplicationContext context = service.context();
            final KafkaClientProperties clients = context.getBean(KafkaClientProperties.class);
            final TopicProvisioner provisioner = context.getBean(TopicProvisioner.class);
            final BenchRun run = new BenchRun(clients.common(), clients.streams(PublisherStreams.NAME),
                    provisioner::ensureTopics, new BenchRun.Settings(warmupRecords, records, latencyRecords,
                            latencyRate, Duration.ofSeconds(timeoutSeconds)));
            final TopicNames scrubTopics = context.getBean(TopicsConfiguration.class).names();
            if (primeRecords > 0) {
                // Kafka's own code (producers, consumers, the broker's request handling) is most of what the JIT
                // compiles in a run; compiled once here, it is not compiled while the first topology is timed.
                new BenchRun(clients.common(), clients.streams(PublisherStreams.NAME), provisioner::ensureTopics,
                        new BenchRun.Settings(0, primeRecords, PRIME_LATENCY_RECORDS, latencyRate,
                                Duration.ofSeconds(timeoutSeconds)))
                        .measure("prime", CopyTopology.build(PRIME_TOPICS), PRIME_TOPICS, generator);
            }
            // The publisher topology first: the others then run on a warmer JVM, which can only favour them.
            final Measurement scrub = run.measure("scrub", context.getBean(Topology.class), scrubTopics, generator);
            final Measurement framed = frame ? run.measure("frame",
                    FrameTopology.build(FRAME_TOPICS, context.getBean(TopologySettings.class)), FRAME_TOPICS,
                    generator) : null;
            final Measurement copy = run.measure("copy", CopyTopology.build(COPY_TOPICS), COPY_TOPICS, generator);
            final BenchResult result = new BenchResult(mix, partitions, warmupRecords, latencyRate, scrub, copy,
                    framed);
            final PrintWriter out = commandLine.getOut();
            if (json) {
                result.printJson(out);
            } else {
                result.printText(out);
            }
            out.flush();
            return 0;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private Map<String, Object> serviceProperties(final Path dataDir) {
        final Map<String, Object> properties = new HashMap<>();
        properties.put("anonymizer.embedded-broker.mode", "always");
        properties.put("anonymizer.embedded-broker.port", 0);
        properties.put("anonymizer.data-dir", dataDir.toString());
        properties.put("micronaut.server.port", -1);
        properties.put("anonymizer.ingest.enabled", false);
        // Canaries would add records of their own to the counted outputs.
        properties.put("anonymizer.canary.enabled", false);
        // The bench runs the topology itself, on its own clock; the service only builds it.
        properties.put(PublisherStreams.ENABLED_PROPERTY, false);
        properties.put("anonymizer.topics.partitions", partitions);
        properties.put("anonymizer.topics.raw-prefix", SCRUB_TOPICS.rawPrefix());
        properties.put("anonymizer.topics.sanitized-prefix", SCRUB_TOPICS.sanitizedPrefix());
        properties.put("anonymizer.topics.public-prefix", SCRUB_TOPICS.publicPrefix());
        properties.put("anonymizer.topics.quarantine", SCRUB_TOPICS.quarantine());
        properties.put("anonymizer.topics.identities", SCRUB_TOPICS.identities());
        properties.put("anonymizer.topics.consent", SCRUB_TOPICS.consent());
        return properties;
    }

    /** The bundled demo samples that are meant to be published, by kind. */
    private static Map<RecordKind, List<String>> samples() {
        final Map<RecordKind, List<String>> samples = new EnumMap<>(RecordKind.class);
        for (final DemoSample sample : DemoSample.bundled()) {
            if (!sample.malformed()) {
                samples.computeIfAbsent(sample.kind(), kind -> new ArrayList<>()).add(sample.text());
            }
        }
        return samples;
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
