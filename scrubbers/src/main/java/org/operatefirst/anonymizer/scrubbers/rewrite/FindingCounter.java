package org.operatefirst.anonymizer.scrubbers.rewrite;

import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/** Counts the findings rewritten in one record. Not thread-safe: one per record. */
public final class FindingCounter {

    private static final FindingType[] TYPES = FindingType.values();

    // Counted per record on the hot path: a plain array, turned into a map only for the snapshot.
    private final int[] counts = new int[TYPES.length];
    private boolean any;

    /**
     * Counts one rewritten finding.
     *
     * @param type what was rewritten
     */
    public void add(final FindingType type) {
        counts[type.ordinal()]++;
        any = true;
    }

    /**
     * Counts findings counted elsewhere, such as in an attempt that was kept.
     *
     * @param counts what was rewritten
     */
    public void add(final FindingCounts counts) {
        counts.asMap().forEach((type, count) -> {
            this.counts[type.ordinal()] += count;
            any |= count > 0;
        });
    }

    /**
     * The counts so far.
     *
     * @return an immutable snapshot
     */
    public FindingCounts snapshot() {
        return any ? FindingCounts.ofOrdinals(counts) : FindingCounts.none();
    }
}
