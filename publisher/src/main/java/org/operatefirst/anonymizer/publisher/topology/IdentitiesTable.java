package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identities table: a global store, read from the compacted {@code identities} topic by every instance, with
 * one person per record: key = the person (any stable id), value = the person's identifiers separated by tabs, as
 * one line of the directory file (user name first). A tombstone removes the person. A value that is not a valid
 * directory line is ignored and logged by its key, never its content.
 */
public final class IdentitiesTable {

    /** The name of the global store. */
    public static final String STORE = "identities";

    private IdentitiesTable() {
    }

    /**
     * The store: in memory, rebuilt from the topic at start-up (through {@link Updater}), never logged.
     *
     * @return the store builder
     */
    static StoreBuilder<KeyValueStore<String, String>> store() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.String())
                .withLoggingDisabled();
    }

    /** Keeps the store in step with the topic and tells the live scrubbers. */
    static final class Updater implements Processor<byte[], byte[], Void, Void> {

        private static final Logger LOG = LoggerFactory.getLogger(Updater.class);

        private final LiveScrubbers live;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, String> store;

        Updater(final LiveScrubbers live) {
            this.live = live;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.context = context;
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            if (record.key() == null) {
                LOG.warn("Ignored an identities record without a key");
                return;
            }
            final String person = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                store.delete(person);
                live.changed();
                return;
            }
            final String line = new String(record.value(), StandardCharsets.UTF_8);
            try {
                if (line.indexOf('\n') >= 0 || IdentityDirectory.parse(record.value(), "record").people() != 1) {
                    throw new IllegalArgumentException("not one person on one line");
                }
            } catch (final IllegalArgumentException e) {
                LOG.warn("Ignored the identities record at {}: {}", context.recordMetadata()
                        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("an unknown offset"),
                        e.getMessage());
                return;
            }
            store.put(person, line);
            live.changed();
        }
    }
}
