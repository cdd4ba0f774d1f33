package org.operatefirst.anonymizer.scrubbers.pseudonym;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A thread-safe memo of a pure function with a fixed number of entries, set-associative like a processor's cache:
 * a key can only be in the {@value #WAYS} slots of the set its hash picks, and a new key takes a free slot of its
 * set or, when the set is full, one chosen at random. No lock, no count, no sweep: a lookup reads the hashes of one
 * set and the entries whose hash matches, and a miss writes one slot. A cache starts small and, each time a set is
 * full, starts over twice as large until it reaches its capacity, so one that sees few keys costs little.
 * Operational data repeats the same few thousand users and addresses within minutes, so the hit rate stays high.
 *
 * <p>Entries are immutable (final fields) and written and read whole, so a thread sees either an entry or none in
 * a slot, never a torn one; a slot's hash is only a hint, checked against the entry's key. A value is computed at
 * most once per entry while it stays, and may be computed twice by two threads that race on a miss, or again after
 * it was replaced: harmless for a pure function.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class BoundedCache<K, V> {

    /** Slots per set. */
    private static final int WAYS = 4;
    /** Slots of a new cache: one that only ever sees a few keys stays small. */
    private static final int INITIAL_SLOTS = 64;

    private final int maxSlots;
    /**
     * The slots. Replaced by an empty one twice the size when a set is full and the capacity allows; two threads
     * that race to replace it lose entries, never correctness.
     */
    private Table table;

    /** The slots of one size: each slot's hash, and its entry or null. */
    private static final class Table {
        private final int[] hashes;
        private final Object[] entries;
        private final int setMask;
        private final int ways;

        Table(final int slots) {
            this.ways = Math.min(WAYS, slots);
            this.setMask = slots / ways - 1;
            this.hashes = new int[slots];
            this.entries = new Object[slots];
        }

        int slots() {
            return entries.length;
        }
    }

    /** One remembered value, with the key it belongs to. */
    private record Entry(Object key, Object value) {
    }

    /**
     * Creates an empty cache.
     *
     * @param capacity the most entries held at once (rounded down to a power of two); 0 disables caching
     */
    public BoundedCache(final int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a cache capacity cannot be negative, got " + capacity);
        }
        this.maxSlots = capacity == 0 ? 0 : Integer.highestOneBit(capacity);
        this.table = maxSlots == 0 ? null : new Table(Math.min(maxSlots, INITIAL_SLOTS));
    }

    /**
     * The value for a key, computed and remembered on a miss.
     *
     * @param key      the key
     * @param function computes the value of a key; pure
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public V get(final K key, final Function<? super K, ? extends V> function) {
        Table t = table;
        if (t == null) {
            return function.apply(key);
        }
        final int hash = key.hashCode();
        final int mixed = mix(hash);
        int base = (mixed & t.setMask) * t.ways;
        for (int w = base; w < base + t.ways; w++) {
            if (t.hashes[w] == hash && t.entries[w] instanceof Entry entry && entry.key().equals(key)) {
                return (V) entry.value();
            }
        }
        final V value = function.apply(key);
        int slot = -1;
        for (int w = base; w < base + t.ways && slot < 0; w++) {
            if (t.entries[w] == null) {
                slot = w;
            }
        }
        if (slot < 0 && t.slots() < maxSlots) {
            t = new Table(t.slots() * 2);
            table = t;
            base = (mixed & t.setMask) * t.ways;
            slot = base;
        } else if (slot < 0) {
            slot = base + ThreadLocalRandom.current().nextInt(t.ways);
        }
        // In whichever order another thread sees these two writes, a hash that does not match its entry's key
        // only makes it miss.
        t.hashes[slot] = hash;
        t.entries[slot] = new Entry(key, value);
        return value;
    }

    private static int mix(final int hash) {
        final int h = hash * 0x9E3779B9;
        return h ^ h >>> 15;
    }
}
