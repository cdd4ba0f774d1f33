package org.operatefirst.anonymizer.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class KafkaStartupRetriesFilterTest {

    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String PRODUCER = "[Producer clientId=app-StreamThread-1-producer, transactionalId=app-1] ";

    private final KafkaStartupRetriesFilter filter = new KafkaStartupRetriesFilter();
    private final LoggerContext context = new LoggerContext();

    @Test
    void dropsTheBrokersRefusalOfAPipelinedFirstBatch() {
        final LoggingEvent event = event("kafka.server.ReplicaManager", Level.ERROR,
                "[ReplicaManager broker=1] Error processing append operation on partition x:public.logs-0",
                new OutOfOrderSequenceException("Invalid sequence number for producer 4 at offset 1266 in partition "
                        + "public.logs-0: 718 (incoming seq. number). Expected sequence 0 for transactions v2 "
                        + "idempotent producer with no existing state."));

        assertThat(filter.decide(event)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsAnyOtherOutOfOrderSequenceOfTheBroker() {
        final LoggingEvent event = event("kafka.server.ReplicaManager", Level.ERROR,
                "[ReplicaManager broker=1] Error processing append operation on partition x:public.logs-0",
                new OutOfOrderSequenceException("Out of order sequence number for producer 7 at offset 5 in "
                        + "partition public.logs-0: 51 (incoming seq. number), 49 (current end sequence number)"));

        assertThat(filter.decide(event)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void dropsATransactionalProducersRetryOfThoseRefusals() {
        for (final String error : new String[] {"OUT_OF_ORDER_SEQUENCE_NUMBER", "CONCURRENT_TRANSACTIONS"}) {
            final LoggingEvent event = event(SENDER, Level.WARN, PRODUCER + "Got error produce response with "
                    + "correlation id 56 on topic-partition public.events-1, retrying (2147483646 attempts left). "
                    + "Error: " + error, null);

            assertThat(filter.decide(event)).as(error).isEqualTo(FilterReply.DENY);
        }
    }

    @Test
    void keepsOtherProducerWarnings() {
        final String retry = "Got error produce response with correlation id 56 on topic-partition public.events-1, "
                + "retrying (2147483646 attempts left). Error: ";

        assertThat(filter.decide(event(SENDER, Level.WARN, PRODUCER + retry + "NOT_ENOUGH_REPLICAS", null)))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(SENDER, Level.WARN,
                "[Producer clientId=collector] " + retry + "OUT_OF_ORDER_SEQUENCE_NUMBER", null)))
                .as("an idempotent producer that is not transactional").isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(SENDER, Level.ERROR, PRODUCER + "Uncaught error in producer I/O thread", null)))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void dropsTheGlobalConsumersReassignmentWarning() {
        final LoggingEvent event = event("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", Level.WARN,
                "[Consumer clientId=app-global-consumer, groupId=null] Not updating last stable offset for partition "
                        + "consent-1 as it is no longer assigned", null);

        assertThat(filter.decide(event)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void theServicesLogConfigurationFiltersItsConsole() {
        final LoggerContext configured = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(configured.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR").getCopyOfAttachedFiltersList())
                .anyMatch(KafkaStartupRetriesFilter.class::isInstance);
    }

    private LoggingEvent event(final String logger, final Level level, final String message, final Throwable thrown) {
        return new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, message, thrown, null);
    }
}
