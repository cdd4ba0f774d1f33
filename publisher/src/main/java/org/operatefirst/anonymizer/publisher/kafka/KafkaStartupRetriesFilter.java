package org.operatefirst.anonymizer.publisher.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the log lines that Kafka 4.x writes, by design, for requests it rejects and retries itself when an
 * {@code exactly_once_v2} application starts with a backlog; every other event passes to the next filter.
 *
 * <p>With transactions version 2 (KIP-890) a broker rejects a transactional producer's batch whose sequence is
 * not 0 while it holds no state for that producer on the partition (KAFKA-18202): a producer that pipelines its
 * first batches to a partition has the later ones refused until the first is verified and appended, and resends
 * them. Each refusal is an {@code ERROR} with a stack trace from the broker's {@code ReplicaManager} and a
 * {@code WARN} from the producer's {@code Sender}, dozens per start of the publisher, per stream thread. The first
 * produce of a transaction that reaches the coordinator before the previous one's markers are written is refused
 * the same way with {@code CONCURRENT_TRANSACTIONS}, and a Kafka Streams global consumer that restores its store
 * warns once per partition that it is "no longer assigned" while it reassigns them. A refusal that never ends is
 * not hidden by this: the producer gives up after {@code delivery.timeout.ms}, and the task fails with an error
 * that is logged. Only these exact shapes are dropped: other errors of the same loggers pass.
 */
public final class KafkaStartupRetriesFilter extends Filter<ILoggingEvent> {

    private static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";
    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String OFFSET_FETCHER = "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils";
    private static final String OUT_OF_ORDER = "org.apache.kafka.common.errors.OutOfOrderSequenceException";
    /** The broker's words for the refusal of KAFKA-18202, and nothing else it refuses out of order. */
    private static final String NO_STATE_YET = "for transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(final ILoggingEvent event) {
        return isStartupRetry(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isStartupRetry(final ILoggingEvent event) {
        final String logger = event.getLoggerName();
        if (REPLICA_MANAGER.equals(logger)) {
            final IThrowableProxy thrown = event.getThrowableProxy();
            return thrown != null && OUT_OF_ORDER.equals(thrown.getClassName()) && thrown.getMessage() != null
                    && thrown.getMessage().contains(NO_STATE_YET);
        }
        if (SENDER.equals(logger) && event.getLevel() == Level.WARN) {
            final String message = event.getFormattedMessage();
            return message.contains("transactionalId=") && message.contains(", retrying (")
                    && (message.endsWith("Error: OUT_OF_ORDER_SEQUENCE_NUMBER")
                            || message.endsWith("Error: CONCURRENT_TRANSACTIONS"));
        }
        if (OFFSET_FETCHER.equals(logger) && event.getLevel() == Level.WARN) {
            final String message = event.getFormattedMessage();
            return message.contains("Not updating last stable offset for partition")
                    && message.endsWith("as it is no longer assigned");
        }
        return false;
    }
}
