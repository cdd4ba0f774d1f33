package org.operatefirst.anonymizer.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.publisher.broker.EmbeddedKafkaBroker;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * A broker that stops while a collector is sending: the receiver answers 503 with {@code Retry-After} while it
 * cannot get acknowledgements, the collector retries, and once the broker is back every batch that was ever
 * answered 200 is in the raw topic. Uses its own embedded broker, since it stops it.
 */
class BrokerOutageIT {

    private static final String TOKEN = "collector-0123456789abcdef0123456789";
    private static final int LINES_PER_BATCH = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void everyAcknowledgedLineIsInTheTopicAfterTheBrokerCameBack(@TempDir final Path work) throws Exception {
        final int port = freePort();
        final int controllerPort = freePort();
        final EmbeddedKafkaBroker.Settings settings = new EmbeddedKafkaBroker.Settings("localhost", port,
                controllerPort, work.resolve("kafka"), Map.of());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
        final Path tokens = work.resolve("tokens");
        Files.writeString(tokens, "collector\t" + TOKEN + "\n");
        final Service service = Service.start(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "anonymizer.embedded-broker.mode", "never",
                "anonymizer.keys.secret", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "micronaut.server.port", -1,
                "anonymizer.topics.partitions", 1,
                "anonymizer.ingest.tokens-file", tokens.toString(),
                "anonymizer.ingest.delivery-timeout", "2s",
                "anonymizer.ingest.retry-after", "1s"));
        final Sender sender = new Sender(service.httpServer().orElseThrow().getURI().resolve("/api/v1/logs"));
        final Thread thread = new Thread(sender, "collector");
        try {
            thread.start();
            await().atMost(TIMEOUT).until(() -> sender.acknowledged.size() >= 20);

            broker.close();
            await().atMost(TIMEOUT).until(() -> sender.unavailable.get() >= 3);

            broker = EmbeddedKafkaBroker.start(settings);
            final int acknowledgedBefore = sender.acknowledged.size();
            await().atMost(TIMEOUT).until(() -> sender.acknowledged.size() >= acknowledgedBefore + 5);
            sender.stop.set(true);
            thread.join(TIMEOUT.toMillis());

            assertThat(sender.statuses).containsOnly(200, 503);
            assertThat(sender.retryAfter).containsOnly("1");
            final Set<String> expected = new HashSet<>();
            sender.acknowledged.keySet().forEach(batch -> expected.addAll(lines(batch)));
            try (RawTopicReader reader = new RawTopicReader(broker.bootstrapServers(), "outage-reader",
                    "raw." + RecordKind.LOGS.topicSuffix())) {
                final List<ConsumerRecord<byte[], byte[]>> records = reader.until(TIMEOUT, all -> {
                    final Set<String> seen = new HashSet<>();
                    all.forEach(r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)));
                    return seen.containsAll(expected);
                });
                assertThat(records).hasSizeGreaterThanOrEqualTo(expected.size());
            }
        } finally {
            sender.stop.set(true);
            thread.join(TIMEOUT.toMillis());
            service.close();
            broker.close();
        }
    }

    private static List<String> lines(final int batch) {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES_PER_BATCH; i++) {
            lines.add("batch " + batch + " line " + i + " from 192.0.2.7");
        }
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A collector: sends numbered batches, and retries a batch until it is answered 200. */
    private static final class Sender implements Runnable {
        private final URI url;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<Integer, Boolean> acknowledged = new ConcurrentHashMap<>();
        private final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private final List<String> retryAfter = new CopyOnWriteArrayList<>();
        private final AtomicInteger unavailable = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();

        Sender(final URI url) {
            this.url = url;
        }

        @Override
        public void run() {
            int batch = 0;
            while (!stop.get()) {
                final String body = String.join("\n", lines(batch)) + "\n";
                final HttpRequest request = HttpRequest.newBuilder(url)
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "text/plain")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 200) {
                        acknowledged.put(batch, true);
                        batch++;
                    } else {
                        unavailable.incrementAndGet();
                        response.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
                        // A collector backs off before it retries: pacing, not waiting for a result.
                        Thread.sleep(200);
                    }
                } catch (final IOException e) {
                    statuses.add(-1);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
