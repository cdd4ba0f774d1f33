package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;

/**
 * Resolves overlapping findings of different detectors into a list of disjoint spans. Where spans overlap, the
 * one that starts first wins; of two that start at the same index, the longer one wins; of two equal spans, the
 * one whose type comes first in {@link org.operatefirst.anonymizer.scrubbers.detect.FindingType} wins.
 */
public final class Overlaps {

    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparing(Finding::type);

    private Overlaps() {
    }

    /**
     * Sorts the findings and drops every finding that overlaps one kept before it.
     *
     * @param findings findings in any order; not modified
     * @return disjoint findings in order of start index
     */
    public static List<Finding> resolve(final List<Finding> findings) {
        if (findings.size() < 2) {
            return List.copyOf(findings);
        }
        final List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(ORDER);
        final List<Finding> kept = new ArrayList<>(sorted.size());
        int end = 0;
        for (final Finding finding : sorted) {
            if (finding.start() >= end) {
                kept.add(finding);
                end = finding.end();
            }
        }
        return kept;
    }
}
