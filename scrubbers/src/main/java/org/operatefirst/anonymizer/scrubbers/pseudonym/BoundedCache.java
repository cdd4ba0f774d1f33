package org.operatefirst.anonymizer.scrubbers.pseudonym;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo of a pure function with a fixed number of entries. When full it is emptied and fills again:
 * cheaper than tracking recency, and operational data repeats the same few thousand users and addresses within
 * minutes, so the hit rate stays high. A value is computed at most once per entry and may be computed twice by
 * two threads that race on a miss, which is harmless for a pure function.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> entries;
    private final int capacity;

    /**
     * Creates an empty cache.
     *
     * @param capacity the most entries held at once; 0 disables caching
     */
    public BoundedCache(final int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a cache capacity cannot be negative, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1024));
    }

    /**
     * The value for a key, computed and remembered on a miss.
     *
     * @param key      the key
     * @param function computes the value of a key; pure
     * @return the value
     */
    public V get(final K key, final Function<? super K, ? extends V> function) {
        final V cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        final V value = function.apply(key);
        if (capacity > 0) {
            if (entries.mappingCount() >= capacity) {
                entries.clear();
            }
            entries.put(key, value);
        }
        return value;
    }
}
