package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.EnumMap;
import java.util.Map;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/** Counts the findings rewritten in one record. Not thread-safe: one per record. */
public final class FindingCounter {

    private final Map<FindingType, Integer> counts = new EnumMap<>(FindingType.class);

    /**
     * Counts one rewritten finding.
     *
     * @param type what was rewritten
     */
    public void add(final FindingType type) {
        counts.merge(type, 1, Integer::sum);
    }

    /**
     * Counts findings counted elsewhere, such as in an attempt that was kept.
     *
     * @param counts what was rewritten
     */
    public void add(final FindingCounts counts) {
        counts.asMap().forEach((type, count) -> this.counts.merge(type, count, Integer::sum));
    }

    /**
     * The counts so far.
     *
     * @return an immutable snapshot
     */
    public FindingCounts snapshot() {
        return FindingCounts.of(counts);
    }
}
