package org.operatefirst.anonymizer.scrubbers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/** How many findings of each type one record held. Immutable. */
public final class FindingCounts {

    private static final FindingType[] TYPES = FindingType.values();
    private static final FindingCounts NONE = new FindingCounts(new EnumMap<>(FindingType.class));

    private final Map<FindingType, Integer> counts;

    private FindingCounts(final EnumMap<FindingType, Integer> counts) {
        this.counts = Collections.unmodifiableMap(counts);
    }

    /**
     * The counts of a record with no findings.
     *
     * @return the empty counts
     */
    public static FindingCounts none() {
        return NONE;
    }

    /**
     * Counts given per finding type, indexed by {@link FindingType#ordinal()}: the scrubber's per-record counter.
     *
     * @param countsByOrdinal one count per finding type, none negative; not retained
     * @return the counts
     * @throws IllegalArgumentException if a count is negative or the array does not have one count per type
     */
    public static FindingCounts ofOrdinals(final int[] countsByOrdinal) {
        if (countsByOrdinal.length != TYPES.length) {
            throw new IllegalArgumentException("expected " + TYPES.length + " counts, got " + countsByOrdinal.length);
        }
        EnumMap<FindingType, Integer> counts = null;
        for (int i = 0; i < countsByOrdinal.length; i++) {
            if (countsByOrdinal[i] < 0) {
                throw new IllegalArgumentException("negative count for " + TYPES[i]);
            }
            if (countsByOrdinal[i] > 0) {
                if (counts == null) {
                    counts = new EnumMap<>(FindingType.class);
                }
                counts.put(TYPES[i], countsByOrdinal[i]);
            }
        }
        return counts == null ? NONE : new FindingCounts(counts);
    }

    /**
     * Counts from a map of type to count; zero counts are dropped.
     *
     * @param counts the counts
     * @return an immutable copy
     */
    public static FindingCounts of(final Map<FindingType, Integer> counts) {
        final EnumMap<FindingType, Integer> copy = new EnumMap<>(FindingType.class);
        counts.forEach((type, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("negative count for " + type);
            }
            if (count > 0) {
                copy.put(type, count);
            }
        });
        return copy.isEmpty() ? NONE : new FindingCounts(copy);
    }

    /**
     * The sum of these counts and others.
     *
     * @param other more counts
     * @return the combined counts
     */
    public FindingCounts plus(final FindingCounts other) {
        if (other.counts.isEmpty()) {
            return this;
        }
        if (counts.isEmpty()) {
            return other;
        }
        final EnumMap<FindingType, Integer> sum = new EnumMap<>(FindingType.class);
        sum.putAll(counts);
        other.counts.forEach((type, count) -> sum.merge(type, count, Integer::sum));
        return new FindingCounts(sum);
    }

    /**
     * The count of one type.
     *
     * @param type the finding type
     * @return how many were found, zero if none
     */
    public int get(final FindingType type) {
        return counts.getOrDefault(type, 0);
    }

    /**
     * The total over all types.
     *
     * @return the number of findings
     */
    public int total() {
        int total = 0;
        for (final int count : counts.values()) {
            total += count;
        }
        return total;
    }

    /**
     * The non-zero counts, in {@link FindingType} order.
     *
     * @return an unmodifiable map
     */
    public Map<FindingType, Integer> asMap() {
        return counts;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof FindingCounts that && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
