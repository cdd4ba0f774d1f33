package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.ArrayList;
import java.util.List;

/** Table rows with expected spans marked in the text: {@code «} opens a span, {@code »} closes it. */
public final class MarkedText {

    /** Marks the start of an expected span; removed before detection. */
    public static final char OPEN = '«';
    /** Marks the end of an expected span. */
    public static final char CLOSE = '»';

    private MarkedText() {
    }

    /**
     * The text without its markers.
     *
     * @param marked the row
     * @return the text to scan
     */
    public static String unmark(final String marked) {
        return marked.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
    }

    /**
     * The spans between the markers, in indices of the text without them, all of one type.
     *
     * @param marked the row
     * @param type   the type of every span
     * @return the findings
     */
    public static List<Finding> expected(final String marked, final FindingType type) {
        final List<Finding> spans = new ArrayList<>();
        int removed = 0;
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            final char c = marked.charAt(i);
            if (c == OPEN) {
                start = i - removed;
                removed++;
            } else if (c == CLOSE) {
                spans.add(new Finding(type, start, i - removed));
                removed++;
            }
        }
        return spans;
    }

    /**
     * What a detector finds in the text of a row.
     *
     * @param detector the detector
     * @param marked   the row
     * @return its findings
     */
    public static List<Finding> detect(final Detector detector, final String marked) {
        final List<Finding> out = new ArrayList<>();
        detector.detect(unmark(marked), out);
        return out;
    }
}
