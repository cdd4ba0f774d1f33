package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;

/**
 * Finds spans of one or more {@link FindingType}s in text. Implementations are stateless, thread-safe, run in
 * time linear in the length of the text, and never throw on any input.
 */
public interface Detector {

    /**
     * Appends every finding in {@code text} to {@code out}, in order of start index. Findings of one detector
     * never overlap each other; findings of different detectors may, and are resolved by the caller.
     *
     * @param text the text to scan
     * @param out  where findings are appended
     */
    void detect(CharSequence text, List<Finding> out);
}
