package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;

/**
 * Resolves overlapping findings of different detectors into a list of disjoint spans. Secrets come first: a secret
 * is never dropped for a finding of personal data that overlaps it, so a JWT or a URL credential that contains an
 * email address or an IP address goes whole. Among secrets, and then among the remaining findings, the one that
 * starts first wins; of two that start at the same index, the longer one wins; of two equal spans, the one whose
 * type comes first in {@link org.operatefirst.anonymizer.scrubbers.detect.FindingType} wins. A finding of personal
 * data that overlaps a kept secret is dropped; the part of it outside the secret stays as it is.
 */
public final class Overlaps {

    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparing(Finding::type);

    private Overlaps() {
    }

    /**
     * Sorts the findings, keeps the secrets that do not overlap a secret kept before them, then the other findings
     * that overlap neither a kept secret nor a finding kept before them.
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
        final List<Finding> secrets = new ArrayList<>();
        int end = 0;
        for (final Finding finding : sorted) {
            if (finding.type().isSecret() && finding.start() >= end) {
                secrets.add(finding);
                end = finding.end();
            }
        }
        final List<Finding> kept = new ArrayList<>(sorted.size());
        int next = 0;
        end = 0;
        for (final Finding finding : sorted) {
            if (finding.type().isSecret()) {
                continue;
            }
            // Secrets that end before this finding starts are emitted first: both lists are ordered by start.
            while (next < secrets.size() && secrets.get(next).end() <= finding.start()) {
                kept.add(secrets.get(next));
                end = Math.max(end, secrets.get(next).end());
                next++;
            }
            final boolean overlapsSecret = next < secrets.size() && secrets.get(next).start() < finding.end();
            if (!overlapsSecret && finding.start() >= end) {
                kept.add(finding);
                end = finding.end();
            }
        }
        while (next < secrets.size()) {
            kept.add(secrets.get(next++));
        }
        return kept;
    }
}
