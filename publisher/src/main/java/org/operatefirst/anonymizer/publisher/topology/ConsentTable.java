package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent table: a global store, read from the compacted {@code consent} topic by every instance, that says
 * for each namespace whether its owners opted in to the publication of its workload data. A change is live as
 * soon as the record is read: no restart.
 *
 * <p>Records: key = namespace (UTF-8), value = {@code opt-in} or {@code opt-out} (case-insensitive); a tombstone
 * (null value) removes the namespace, which then takes the policy's default. Any other value counts as
 * {@code opt-out} and is logged: a typo must never publish.
 */
public final class ConsentTable {

    /** The name of the global store. */
    public static final String STORE = "consent";

    /** The value that opts a namespace in. */
    public static final String OPT_IN = "opt-in";
    /** The value that opts a namespace out. */
    public static final String OPT_OUT = "opt-out";

    private ConsentTable() {
    }

    /**
     * The store: in memory, rebuilt from the topic at start-up, never logged to a changelog (the topic is one).
     *
     * @return the store builder
     */
    static StoreBuilder<KeyValueStore<String, Boolean>> store() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Boolean())
                .withLoggingDisabled();
    }

    /**
     * Reads a consent value.
     *
     * @param value the record value
     * @return true for opt-in; false for opt-out and anything else
     */
    static boolean optedIn(final byte[] value) {
        return OPT_IN.equals(new String(value, StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT));
    }

    /** Keeps the store in step with the topic. */
    static final class Updater implements Processor<byte[], byte[], Void, Void> {

        private static final Logger LOG = LoggerFactory.getLogger(Updater.class);

        private KeyValueStore<String, Boolean> store;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            if (record.key() == null) {
                LOG.warn("Ignored a consent record without a namespace key");
                return;
            }
            final String namespace = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                store.delete(namespace);
                LOG.info("Consent of namespace {} removed: the policy's default applies", namespace);
                return;
            }
            final boolean optedIn = optedIn(record.value());
            if (!optedIn && !OPT_OUT.equalsIgnoreCase(new String(record.value(), StandardCharsets.UTF_8).strip())) {
                LOG.warn("Consent of namespace {} is neither {} nor {}: counted as {}", namespace, OPT_IN, OPT_OUT,
                        OPT_OUT);
            }
            store.put(namespace, optedIn);
            LOG.info("Consent of namespace {}: {}", namespace, optedIn ? OPT_IN : OPT_OUT);
        }
    }
}
