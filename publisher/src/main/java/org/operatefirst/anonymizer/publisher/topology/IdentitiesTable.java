package org.operatefirst.anonymizer.publisher.topology;

import java.io.ByteArrayOutputStream;
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
     * Why a record value is not one person: null if it is one line of the directory format with one person.
     *
     * @param value the record value, not null
     * @return the problem, or null
     */
    public static String problem(final byte[] value) {
        try {
            if (new String(value, StandardCharsets.UTF_8).indexOf('\n') >= 0
                    || IdentityDirectory.parse(value, "record").people() != 1) {
                return "not one person on one line";
            }
            return null;
        } catch (final IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The directory the service builds from its file and the topic: the file's content, then each person's line of
     * the table, in the order of the table's keys (the store's order: the keys' UTF-8 bytes).
     *
     * @param base   the directory file's content, UTF-8; empty without a file
     * @param people the lines of the table's people, in key order
     * @return the combined directory text, for {@link IdentityDirectory#parse}
     */
    public static byte[] combined(final byte[] base, final Iterable<String> people) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(base);
        for (final String person : people) {
            bytes.write('\n');
            bytes.writeBytes(person.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
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
            final String problem = problem(record.value());
            if (problem != null) {
                LOG.warn("Ignored the identities record at {}: {}", context.recordMetadata()
                        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("an unknown offset"),
                        problem);
                return;
            }
            store.put(person, new String(record.value(), StandardCharsets.UTF_8));
            live.changed();
        }
    }
}
