package org.operatefirst.anonymizer.scrubbers.rewrite;

import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * Counts the findings rewritten in one record, collects the user names the record's contexts give away
 * ({@link LearnedNames}), and carries the record's {@link Detections} when they are shared between tiers. Not thread-safe: one per record.
 */
public final class FindingCounter {

    private static final FindingType[] TYPES = FindingType.values();

    // Counted per record on the hot path: a plain array, turned into a map only for the snapshot.
    private final int[] counts = new int[TYPES.length];
    private boolean any;
    private final Detections detections;
    private final LearnedNames learned;

    /** A counter of a record whose detections are not shared. */
    public FindingCounter() {
        this(null);
    }

    /**
     * A counter of a record whose detections are shared with its scrubbing for another tier.
     *
     * @param detections the record's detections, or null to share none
     */
    public FindingCounter(final Detections detections) {
        this(detections, new LearnedNames());
    }

    private FindingCounter(final Detections detections, final LearnedNames learned) {
        this.detections = detections;
        this.learned = learned;
    }

    /**
     * A fresh counter for an attempt at part of the same record, sharing its detections; its counts are added
     * to this counter's only if the attempt is kept ({@link #add(FindingCounts)}). The user names it learns are
     * this counter's: a name the record gives is one whichever way the record is read.
     *
     * @return the new counter
     */
    public FindingCounter attempt() {
        return new FindingCounter(detections, learned);
    }

    /**
     * The user names that contexts in this record gave away, to be replaced wherever else they appear in it.
     *
     * @return the learned names
     */
    public LearnedNames learned() {
        return learned;
    }

    /**
     * The record's shared detections.
     *
     * @return the detections, or null if none are shared
     */
    Detections detections() {
        return detections;
    }

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
