package org.operatefirst.anonymizer.scrubbers.format;

import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;

/**
 * How one kind of record is read and written back: which parts are free text, which are fields with known
 * meaning, and what stays untouched. The output keeps the input's framing and structure.
 */
public interface RecordFormat {

    /**
     * Scrubs one record.
     *
     * @param input    the record
     * @param rewriter rewrites strings
     * @param counter  counts what was rewritten
     * @return the scrubbed record, in the same format
     * @throws org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException if the record cannot be parsed
     *         in this format or a finding cannot be rewritten
     */
    String scrub(String input, TextRewriter rewriter, FindingCounter counter);
}
