package org.operatefirst.anonymizer.scrubbers.format;

import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;

/** Free text, such as a log line: every finding anywhere in it is rewritten. */
public final class PlainTextFormat implements RecordFormat {

    @Override
    public String scrub(final String input, final TextRewriter rewriter, final FindingCounter counter) {
        return rewriter.rewrite(input, counter);
    }
}
