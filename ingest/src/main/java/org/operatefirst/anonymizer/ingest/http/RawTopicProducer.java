package org.operatefirst.anonymizer.ingest.http;

import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.operatefirst.anonymizer.ingest.receive.ErrorCodes;
import org.operatefirst.anonymizer.ingest.receive.RawRecord;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the receivers' records to the raw topics and waits until the broker has acknowledged every one of
 * them, so a receiver answers 2xx only for data that is safely in Kafka. The producer is idempotent with
 * {@code acks=all}; a request whose records are not all acknowledged within
 * {@code anonymizer.ingest.delivery-timeout} is answered 503 (or 429 when the producer's buffer is full), and the
 * collector sends it again: records are delivered at least once.
 *
 * <p>One producer serves every request; it is thread-safe and batches records of concurrent requests.
 */
@Singleton
@Requires(property = "anonymizer.ingest.enabled", notEquals = "false")
public final class RawTopicProducer implements AutoCloseable {

    /** Record header naming what the value is, for example {@code application/json}. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** Record header naming the collector whose token the request carried. */
    public static final String COLLECTOR_HEADER = "ingest-collector";

    private static final Logger LOG = LoggerFactory.getLogger(RawTopicProducer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Time to wait beyond the producer's own delivery timeout, so its verdict normally arrives first. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(1);

    private final KafkaProducer<byte[], byte[]> producer;
    private final IngestKafka kafka;
    private final Duration wait;

    RawTopicProducer(final IngestKafka kafka, final IngestConfiguration configuration) {
        this.kafka = kafka;
        this.producer = new KafkaProducer<>(properties(kafka.producerProperties(), configuration),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.wait = configuration.deliveryTimeout().plus(WAIT_MARGIN);
    }

    /**
     * The producer configuration: the service's client properties with the settings that make acknowledged
     * records durable and bound every wait.
     *
     * @param common        the service's client properties
     * @param configuration the receivers' configuration
     * @return the producer properties
     */
    static Map<String, Object> properties(final Map<String, Object> common,
            final IngestConfiguration configuration) {
        final Map<String, Object> properties = new HashMap<>(common);
        final int deliveryMs = (int) Math.min(Integer.MAX_VALUE, configuration.deliveryTimeout().toMillis());
        final int lingerMs = 5;
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        properties.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, deliveryMs - lingerMs));
        // send() blocks while metadata is unknown or the buffer is full; bound that too.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, deliveryMs / 2));
        properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Math.max(1 << 20, configuration.maxRecordBytes() + 64 * 1024));
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "anonymizer-ingest");
        return properties;
    }

    /** The outcome of producing a request's records. */
    public sealed interface Delivery permits Acknowledged, NotAcknowledged {
    }

    /**
     * Every record was acknowledged by the broker.
     *
     * @param records how many
     */
    public record Acknowledged(int records) implements Delivery {
    }

    /**
     * Not every record was acknowledged; the collector should retry (unless {@code status} is 413).
     *
     * @param status 503 (broker down or slow), 429 (producer buffer full) or 413 (the broker refused a record
     *               as too large)
     * @param error  the error code
     * @param detail what happened, without data
     */
    public record NotAcknowledged(int status, String error, String detail) implements Delivery {
    }

    /**
     * Produces records of one kind and waits for their acknowledgement. Never throws on data or broker failures.
     *
     * @param kind      the record kind, which names the raw topic
     * @param collector the collector's name, written into a header
     * @param records   the records
     * @return whether every record was acknowledged
     */
    public Delivery produce(final RecordKind kind, final String collector, final List<RawRecord> records) {
        final String topic = kafka.rawTopic(kind);
        final long deadline = System.nanoTime() + wait.toNanos();
        final byte[] collectorBytes = collector.getBytes(StandardCharsets.UTF_8);
        final List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (final RawRecord record : records) {
                final RecordHeaders headers = new RecordHeaders();
                headers.add(new RecordHeader(CONTENT_TYPE_HEADER,
                        record.contentType().getBytes(StandardCharsets.UTF_8)));
                headers.add(new RecordHeader(COLLECTOR_HEADER, collectorBytes));
                final Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, null, null,
                        record.key(), record.value(), headers));
                // send() blocks up to max.block.ms while metadata is missing (the broker is down), then returns a
                // failed future: stop at the first such failure instead of blocking once per record.
                if (ack.isDone()) {
                    ack.get();
                }
                if (System.nanoTime() - deadline > 0) {
                    return unavailable(topic, "the broker did not acknowledge within " + wait.toMillis() + " ms");
                }
                acks.add(ack);
            }
            for (final Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (final TimeoutException e) {
            return unavailable(topic, "the broker did not acknowledge within " + wait.toMillis() + " ms");
        } catch (final ExecutionException e) {
            return failed(topic, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(topic, "interrupted while waiting for the broker");
        } catch (final RuntimeException e) {
            return failed(topic, e);
        }
        return new Acknowledged(records.size());
    }

    private static Delivery failed(final String topic, final Throwable cause) {
        if (cause instanceof BufferExhaustedException) {
            LOG.warn("Producer buffer full while producing to {}; answering 429", topic);
            return new NotAcknowledged(429, ErrorCodes.OVERLOADED, "the receiver's buffer is full; retry later");
        }
        if (cause instanceof RecordTooLargeException) {
            return new NotAcknowledged(413, ErrorCodes.RECORD_TOO_LARGE,
                    "the broker refused a record of the request as too large");
        }
        return unavailable(topic, "the broker did not acknowledge: " + cause.getClass().getSimpleName());
    }

    private static Delivery unavailable(final String topic, final String detail) {
        LOG.warn("Records for {} not acknowledged ({}); answering 503", topic, detail);
        return new NotAcknowledged(503, ErrorCodes.UNAVAILABLE, detail + "; retry later");
    }

    /** Flushes and closes the producer, waiting a bounded time. */
    @PreDestroy
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
