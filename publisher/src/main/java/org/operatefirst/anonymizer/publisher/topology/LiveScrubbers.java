package org.operatefirst.anonymizer.publisher.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.operatefirst.anonymizer.publisher.policy.IdentitySource;
import org.operatefirst.anonymizer.scrubbers.LeakGuard;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scrubbers and the leak guard of the current identity directory: the file read at start-up plus the people of
 * the compacted {@code identities} topic, which every instance reads whole. When the topic changes, the next
 * record rebuilds them, at most once per second; until then the previous directory applies. A directory that does
 * not build (a user name or email on two people) is logged and the previous one stays. Thread-safe.
 */
public final class LiveScrubbers {

    private static final Logger LOG = LoggerFactory.getLogger(LiveScrubbers.class);
    private static final long MIN_REBUILD_INTERVAL_NANOS = 1_000_000_000L;

    /**
     * The scrubbers of every tier and the leak guard, built for one directory.
     *
     * @param scrubbers one scrubber per tier
     * @param guard     the leak guard
     */
    public record ScrubberSet(Map<Tier, Scrubber> scrubbers, LeakGuard guard) {

        /** Validates and copies the components. */
        public ScrubberSet {
            scrubbers = Map.copyOf(scrubbers);
            Objects.requireNonNull(guard, "guard");
        }
    }

    private final IdentitySource base;
    private final Function<IdentityDirectory, ScrubberSet> build;
    private final AtomicLong version = new AtomicLong();
    private volatile ScrubberSet current;
    private long builtVersion;
    private long builtAt = System.nanoTime() - MIN_REBUILD_INTERVAL_NANOS;

    /**
     * Creates the live scrubbers.
     *
     * @param base    the directory file read at start-up
     * @param build   builds the scrubbers and guard of a directory
     * @param initial the scrubbers and guard of the file's directory alone
     */
    public LiveScrubbers(final IdentitySource base, final Function<IdentityDirectory, ScrubberSet> build,
            final ScrubberSet initial) {
        this.base = Objects.requireNonNull(base, "base");
        this.build = Objects.requireNonNull(build, "build");
        this.current = Objects.requireNonNull(initial, "initial");
    }

    /**
     * Scrubbers that never change: for tests and topologies without an identities topic to follow.
     *
     * @param set the scrubbers and guard
     * @return live scrubbers that always answer {@code set}
     */
    public static LiveScrubbers fixed(final ScrubberSet set) {
        return new LiveScrubbers(IdentitySource.NONE, directory -> set, set);
    }

    /** The identities table changed: the next record rebuilds. */
    void changed() {
        version.incrementAndGet();
    }

    /**
     * The scrubbers and guard to use for the next record.
     *
     * @param identities the identities store
     * @return the current set
     */
    ScrubberSet current(final ReadOnlyKeyValueStore<String, String> identities) {
        if (version.get() == builtVersion) {
            return current;
        }
        synchronized (this) {
            final long target = version.get();
            if (target == builtVersion || System.nanoTime() - builtAt < MIN_REBUILD_INTERVAL_NANOS) {
                return current;
            }
            builtAt = System.nanoTime();
            builtVersion = target;
            try {
                final IdentityDirectory directory = IdentityDirectory.parse(combined(identities),
                        base.name().isEmpty() ? "the identities topic" : base.name() + " and the identities topic");
                current = build.apply(directory);
                LOG.info("Identity directory rebuilt: {} people, {} identifiers, {} display names shared by"
                        + " several people", directory.people(), directory.identifiers(), directory.homonyms());
                // The warnings name lines of the combined directory, never an identifier.
                directory.warnings().forEach(LOG::warn);
            } catch (final IllegalArgumentException e) {
                LOG.error("The identity directory with the identities topic does not build, the previous one "
                        + "stays: {}", e.getMessage());
            }
            return current;
        }
    }

    private byte[] combined(final ReadOnlyKeyValueStore<String, String> identities) {
        final List<String> people = new ArrayList<>();
        try (KeyValueIterator<String, String> all = identities.all()) {
            all.forEachRemaining(person -> people.add(person.value));
        }
        return IdentitiesTable.combined(base.bytes(), people);
    }
}
