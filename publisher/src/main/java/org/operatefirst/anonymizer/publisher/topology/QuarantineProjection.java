package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Turns a quarantined outcome back into the raw record, as it was read, with headers saying why and where it came
 * from. The quarantine topic is restricted: it holds raw data on purpose, so that nothing is lost.
 */
final class QuarantineProjection implements FixedKeyProcessor<byte[], Outcome.Quarantined, byte[]> {

    private FixedKeyProcessorContext<byte[], byte[]> context;

    @Override
    public void init(final FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<byte[], Outcome.Quarantined> record) {
        final Outcome.Quarantined quarantined = record.value();
        final Headers headers = new RecordHeaders(record.headers().toArray());
        // Quarantined data is not licensed for publication, whatever a collector claimed.
        headers.remove(RecordHeaderNames.DATASET_LICENSE);
        headers.add(RecordHeaderNames.QUARANTINE_REASON, utf8(quarantined.reason()));
        headers.add(RecordHeaderNames.QUARANTINE_DETAIL, utf8(quarantined.detail()));
        context.recordMetadata().ifPresent(metadata -> {
            headers.add(RecordHeaderNames.SOURCE_TOPIC, utf8(metadata.topic()));
            headers.add(RecordHeaderNames.SOURCE_PARTITION, utf8(Integer.toString(metadata.partition())));
            headers.add(RecordHeaderNames.SOURCE_OFFSET, utf8(Long.toString(metadata.offset())));
        });
        context.forward(record.withValue(quarantined.original()).withHeaders(headers));
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
