package org.operatefirst.anonymizer.publisher.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.publisher.topology.PublicationFilter;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.IpAddressDetector;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerNameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.NameTemplate;

/**
 * Produces the demo samples to the raw topics and collects what the service publishes. All demo records go to
 * partition 0, so the i-th output of a topic belongs to the i-th sample of its kind that the topic publishes.
 */
final class DemoRun {

    private final Map<String, Object> clientProperties;
    private final TopicNames topics;
    private final PublicationFilter publication;

    DemoRun(final Map<String, Object> clientProperties, final TopicNames topics, final PublicationPolicy policy) {
        this.clientProperties = clientProperties;
        this.topics = topics;
        this.publication = new PublicationFilter(policy);
    }

    /** Whether the public tier withholds a sample: no namespace has opted in on the demo's fresh consent topic. */
    private boolean withheld(final DemoSample sample) {
        return publication.decide(sample.kind(), sample.text(), namespace -> false)
                instanceof PublicationFilter.Decision.Withhold;
    }

    Result run(final List<DemoSample> samples, final Duration timeout) {
        produce(samples);
        final Map<String, Integer> expected = new HashMap<>();
        final Set<DemoSample> withheld = new HashSet<>();
        for (final DemoSample sample : samples) {
            if (sample.malformed()) {
                expected.merge(topics.quarantine(), 1, Integer::sum);
            } else {
                expected.merge(topics.output(Tier.SANITIZED, sample.kind()), 1, Integer::sum);
                if (withheld(sample)) {
                    withheld.add(sample);
                } else {
                    expected.merge(topics.output(Tier.PUBLIC, sample.kind()), 1, Integer::sum);
                }
            }
        }
        return new Result(samples, withheld, consume(expected, timeout), expected, topics);
    }

    private void produce(final List<DemoSample> samples) {
        final Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (final DemoSample sample : samples) {
                producer.send(new ProducerRecord<>(topics.raw(sample.kind()), 0, null, sample.value())).get();
            }
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not produce the demo samples: " + e.getCause().getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing the demo samples", e);
        }
    }

    private Map<String, List<ConsumerRecord<byte[], byte[]>>> consume(final Map<String, Integer> expected,
            final Duration timeout) {
        final Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final Map<String, List<ConsumerRecord<byte[], byte[]>>> received = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : expected.keySet()) {
                partitions.add(new TopicPartition(topic, 0));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!complete(received, expected) && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    received.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
                }
            }
        }
        return received;
    }

    private static boolean complete(final Map<String, List<ConsumerRecord<byte[], byte[]>>> received,
            final Map<String, Integer> expected) {
        for (final Map.Entry<String, Integer> entry : expected.entrySet()) {
            if (received.getOrDefault(entry.getKey(), List.of()).size() < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** What the demo saw, and how to print it. */
    static final class Result {

        private static final int LABEL_WIDTH = 11;

        private final List<DemoSample> samples;
        private final Set<DemoSample> withheld;
        private final Map<String, List<ConsumerRecord<byte[], byte[]>>> received;
        private final Map<String, Integer> expected;
        private final TopicNames topics;

        Result(final List<DemoSample> samples, final Set<DemoSample> withheld,
                final Map<String, List<ConsumerRecord<byte[], byte[]>>> received,
                final Map<String, Integer> expected, final TopicNames topics) {
            this.samples = samples;
            this.withheld = withheld;
            this.received = received;
            this.expected = expected;
            this.topics = topics;
        }

        boolean complete() {
            return DemoRun.complete(received, expected);
        }

        /**
         * The raw identifiers of the samples (emails and addresses, as written) that appear in any public record.
         *
         * @return the leaked values; empty when the public tier is clean
         */
        Set<String> leakedIntoPublic() {
            final Set<String> raw = new LinkedHashSet<>();
            for (final DemoSample sample : samples) {
                if (sample.malformed()) {
                    continue;
                }
                final String text = sample.text();
                final List<Finding> findings = new ArrayList<>();
                new EmailDetector().detect(text, findings);
                new IpAddressDetector().detect(text, findings);
                new KubeSpawnerNameDetector(NameTemplate.defaults()).detect(text, findings);
                findings.forEach(f -> raw.add(text.substring(f.start(), f.end())));
            }
            final Set<String> leaked = new LinkedHashSet<>();
            for (final RecordKind kind : RecordKind.values()) {
                for (final ConsumerRecord<byte[], byte[]> record : received.getOrDefault(
                        topics.output(Tier.PUBLIC, kind), List.of())) {
                    final String text = new String(record.value(), StandardCharsets.UTF_8);
                    raw.stream().filter(text::contains).forEach(leaked::add);
                }
            }
            return leaked;
        }

        void print(final PrintWriter out) {
            final Map<String, Integer> seen = new HashMap<>();
            int published = 0;
            for (final RecordKind kind : RecordKind.values()) {
                out.printf("%n=== %s: %s -> %s, %s ===%n", kind.topicSuffix(), topics.raw(kind),
                        topics.output(Tier.SANITIZED, kind), topics.output(Tier.PUBLIC, kind));
                int number = 0;
                for (final DemoSample sample : samples) {
                    if (sample.kind() != kind || sample.malformed()) {
                        continue;
                    }
                    out.printf("%n#%d%n", ++number);
                    printField(out, "raw", sample.text());
                    for (final Tier tier : Tier.values()) {
                        if (tier == Tier.PUBLIC && withheld.contains(sample)) {
                            printField(out, tier.label(), "(withheld: workload data of a namespace that did not opt "
                                    + "in to publication)");
                            continue;
                        }
                        final String topic = topics.output(tier, kind);
                        final int index = seen.merge(topic, 1, Integer::sum) - 1;
                        final List<ConsumerRecord<byte[], byte[]>> outputs = received.getOrDefault(topic, List.of());
                        printField(out, tier.label(), index < outputs.size()
                                ? new String(outputs.get(index).value(), StandardCharsets.UTF_8)
                                : "(not received)");
                    }
                    published++;
                }
            }
            final List<ConsumerRecord<byte[], byte[]>> quarantined =
                    received.getOrDefault(topics.quarantine(), List.of());
            out.printf("%n=== %s ===%n", topics.quarantine());
            for (final ConsumerRecord<byte[], byte[]> record : quarantined) {
                out.printf("%n%s from %s: %s (%s)%n", "held", header(record, RecordHeaderNames.SOURCE_TOPIC),
                        header(record, RecordHeaderNames.QUARANTINE_REASON),
                        header(record, RecordHeaderNames.QUARANTINE_DETAIL));
            }
            final Set<String> leaked = leakedIntoPublic();
            out.printf("%n%d samples: %d published to the sanitized tier, %d of them to the public tier too, %d "
                    + "quarantined.%n", samples.size(), published, published - withheld.size(), quarantined.size());
            out.println(leaked.isEmpty()
                    ? "No raw email, IP address or escaped username of the samples appears in any public record."
                    : "LEAK: raw values found in public records: " + leaked);
            if (!complete()) {
                out.println("Not every output arrived in time.");
            }
        }

        private static void printField(final PrintWriter out, final String label, final String text) {
            final String indent = " ".repeat(LABEL_WIDTH + 2);
            final String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            out.printf("  %-" + LABEL_WIDTH + "s%s%n", label.toLowerCase(Locale.ROOT),
                    body.replace("\n", "\n" + indent));
        }

        private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
            final Header header = record.headers().lastHeader(name);
            return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
