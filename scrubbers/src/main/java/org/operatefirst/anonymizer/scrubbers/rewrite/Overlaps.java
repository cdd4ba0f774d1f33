package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * Resolves overlapping findings of different detectors into a list of disjoint spans. Findings are taken in groups
 * of spans that overlap one another, directly or through a chain:
 * <ul>
 *   <li>A group without a secret: the finding that starts first wins; of two that start at the same index, the
 *       longer one wins; of two equal spans, the one whose type comes first in
 *       {@link org.operatefirst.anonymizer.scrubbers.detect.FindingType} wins. What a dropped finding has outside
 *       the winner stays as it is.</li>
 *   <li>A group with a secret becomes one secret that covers the whole group, typed as its first secret in that
 *       order: a secret is never dropped or cut for personal data, and personal data that a secret cuts into is
 *       never left half in clear (a JWT or a query value that runs into an email address takes all of it).</li>
 *   <li>The exception: a group whose secrets are all {@code URL_CREDENTIALS} keeps them and drops the personal
 *       findings that overlap them. The userinfo of a URL ends at its last {@code @}, so all an overlapping finding
 *       adds is the host ({@code user:pass@db.example.org} read as an email), which is not personal data and keeps
 *       the URL readable.</li>
 * </ul>
 */
public final class Overlaps {

    /** By start; of two that start together, the longer first; of two equal spans, by type. */
    private static final Comparator<Finding> ORDER = (a, b) -> {
        if (a.start() != b.start()) {
            return Integer.compare(a.start(), b.start());
        }
        if (a.end() != b.end()) {
            return Integer.compare(b.end(), a.end());
        }
        return a.type().compareTo(b.type());
    };

    private Overlaps() {
    }

    /**
     * Sorts the findings and resolves each group of overlapping findings as described above.
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
        int i = 0;
        while (i < sorted.size()) {
            int end = sorted.get(i).end();
            Finding firstSecret = null;
            boolean onlyUrlCredentials = true;
            int j = i;
            while (j < sorted.size() && (j == i || sorted.get(j).start() < end)) {
                final Finding finding = sorted.get(j);
                end = Math.max(end, finding.end());
                if (finding.type().isSecret()) {
                    firstSecret = firstSecret == null ? finding : firstSecret;
                    onlyUrlCredentials &= finding.type() == FindingType.URL_CREDENTIALS;
                }
                j++;
            }
            final List<Finding> group = sorted.subList(i, j);
            if (firstSecret == null) {
                earliestLongest(group, kept);
            } else if (onlyUrlCredentials) {
                secretsFirst(group, kept);
            } else {
                kept.add(new Finding(firstSecret.type(), group.get(0).start(), end));
            }
            i = j;
        }
        return kept;
    }

    /** Keeps each finding of a sorted group that does not overlap one kept before it. */
    private static void earliestLongest(final List<Finding> group, final List<Finding> kept) {
        int end = 0;
        for (final Finding finding : group) {
            if (finding.start() >= end) {
                kept.add(finding);
                end = finding.end();
            }
        }
    }

    /**
     * Keeps the secrets of a sorted group, overlapping ones merged, then the other findings that overlap neither a
     * secret nor a finding kept before them; in order of start.
     */
    private static void secretsFirst(final List<Finding> group, final List<Finding> kept) {
        final List<Finding> secrets = new ArrayList<>();
        for (final Finding finding : group) {
            if (!finding.type().isSecret()) {
                continue;
            }
            final Finding last = secrets.isEmpty() ? null : secrets.get(secrets.size() - 1);
            if (last != null && finding.start() < last.end()) {
                secrets.set(secrets.size() - 1,
                        new Finding(last.type(), last.start(), Math.max(last.end(), finding.end())));
            } else {
                secrets.add(finding);
            }
        }
        int next = 0;
        int end = 0;
        for (final Finding finding : group) {
            if (finding.type().isSecret()) {
                continue;
            }
            // Secrets that end before this finding starts come first: both are ordered by start.
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
    }
}
