package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.pseudonym.BoundedCache;

/**
 * What the detectors of one policy and identity directory find in a text: every detector's findings, with
 * overlaps resolved. Shared by the scrubbers of every tier built together, since finding personal data does not
 * depend on the tier's keys. Thread-safe.
 *
 * <p>Short texts, at most {@value #MAX_REMEMBERED_LENGTH} characters, are remembered: structured records repeat
 * the same short values in every record (namespaces, label values, reasons, JSON keys), and looking one up costs a
 * fraction of running every detector over it. Findings depend on nothing but the text and the detectors, so a
 * remembered result is exactly what a new search would give. The memo is bounded ({@value #CAPACITY} texts) and
 * lives as long as this object, in memory only, like the pseudonym caches.
 */
public final class Detection {

    /** The longest text whose findings are remembered. */
    static final int MAX_REMEMBERED_LENGTH = 64;
    /** How many short texts are remembered at most. */
    static final int CAPACITY = 16_384;

    private final List<Detector> detectors;
    private final BoundedCache<String, List<Finding>> shortTexts;
    /** For a detection made {@link #with} one more detector: the detection it adds to, and that detector. */
    private final Detection base;
    private final Detector extra;

    /**
     * Creates the detection of a list of detectors.
     *
     * @param detectors the detectors, run in order on every text
     */
    public Detection(final List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
        this.shortTexts = new BoundedCache<>(CAPACITY);
        this.base = null;
        this.extra = null;
    }

    private Detection(final Detection base, final Detector extra) {
        // Every detector of the base, its own extra one included: what a search runs before this extra detector.
        if (base.extra == null) {
            this.detectors = base.detectors;
        } else {
            final List<Detector> all = new ArrayList<>(base.detectors);
            all.add(base.extra);
            this.detectors = List.copyOf(all);
        }
        this.shortTexts = null;
        this.base = base;
        this.extra = extra;
    }

    /**
     * A detection that also runs one more detector, such as the names one record gave away. What the extra
     * detector finds never reaches this detection's results or its memo. A text in which the extra detector finds
     * nothing has exactly this detection's findings (detectors do not see each other's), so those are taken from
     * this detection, memo included; a text in which it finds something is searched by every detector again.
     *
     * @param extra the detector to add, run last
     * @return the new detection
     */
    Detection with(final Detector extra) {
        return new Detection(this, extra);
    }

    /**
     * The findings of a text.
     *
     * @param text the text
     * @return disjoint findings in order of start index; unmodifiable
     */
    public List<Finding> find(final String text) {
        if (base != null) {
            final List<Finding> added = new ArrayList<>(0);
            extra.detect(text, added);
            return added.isEmpty() ? base.find(text) : search(text, added);
        }
        return text.length() <= MAX_REMEMBERED_LENGTH ? shortTexts.get(text, this::search) : search(text);
    }

    /**
     * The findings of a text of a record whose detections are shared between tiers: a long text found before in
     * the same record is not searched again.
     *
     * @param text   the text
     * @param record the record's detections, or null if none are shared
     * @return disjoint findings in order of start index; unmodifiable
     */
    List<Finding> find(final String text, final Detections record) {
        return record == null || base != null || text.length() <= MAX_REMEMBERED_LENGTH ? find(text)
                : record.of(text, this, this::search);
    }

    private List<Finding> search(final String text) {
        return search(text, List.of());
    }

    /** Every detector's findings, then those of the extra detector, given, with overlaps resolved. */
    private List<Finding> search(final String text, final List<Finding> added) {
        final List<Finding> findings = new ArrayList<>();
        for (final Detector detector : detectors) {
            detector.detect(text, findings);
        }
        findings.addAll(added);
        return findings.isEmpty() ? List.of() : List.copyOf(Overlaps.resolve(findings));
    }
}
