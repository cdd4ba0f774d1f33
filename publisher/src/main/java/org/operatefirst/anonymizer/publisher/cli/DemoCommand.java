package org.operatefirst.anonymizer.publisher.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.operatefirst.anonymizer.publisher.kafka.KafkaClientProperties;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anonymizer demo}: starts the service on a throw-away embedded broker, produces the bundled samples of
 * every kind to the raw topics, reads the sanitized and public topics and the quarantine, and prints each record
 * raw and rewritten, one under the other.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Shows the pipeline at work on bundled samples of every kind (fictional identities):",
            "starts the service on a temporary embedded broker, produces the samples to the raw topics and prints",
            "each record as it went in and as it came out of the sanitized and public topics."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the outputs (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final Path dataDir = Files.createTempDirectory("anonymizer-demo-");
        try (Service service = Service.start(Map.of(
                "anonymizer.embedded-broker.mode", "always",
                "anonymizer.embedded-broker.port", 0,
                "anonymizer.data-dir", dataDir.toString(),
                "micronaut.server.port", -1,
                // The demo's topics are new and small: one partition keeps raw and output in the same order.
                "anonymizer.topics.partitions", 1))) {
            final TopicNames topics = service.context().getBean(TopicsConfiguration.class).names();
            final DemoRun run = new DemoRun(service.context().getBean(KafkaClientProperties.class).common(), topics,
                    service.context().getBean(PublicationPolicy.class));
            final List<DemoSample> samples = DemoSample.bundled();
            final DemoRun.Result result = run.run(samples, java.time.Duration.ofSeconds(timeoutSeconds));
            result.print(out);
            out.flush();
            return result.complete() && result.leakedIntoPublic().isEmpty() ? 0 : 1;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
