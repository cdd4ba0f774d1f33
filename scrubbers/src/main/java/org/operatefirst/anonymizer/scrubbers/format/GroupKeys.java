package org.operatefirst.anonymizer.scrubbers.format;

import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;

/**
 * Alertmanager's {@code groupKey}: the route's matchers, a colon and the group's label set, as Go prints them,
 * {@code {}/{severity="critical"}:{alertname="KubePodCrashLooping", pod="jupyterhub-nb-..."}}. A quoted value after
 * {@code name=} is scrubbed by its label's name as in the {@code groupLabels} object: the value of a secret name is
 * redacted, the value of a user name field is a user name; everything else is free text, scanned in the pieces
 * between those values, so a value in which nothing is found is left exactly as it was.
 */
final class GroupKeys {

    private GroupKeys() {
    }

    /**
     * Scrubs a group key.
     *
     * @param groupKey the group key
     * @param format   the rules: which names are user name fields
     * @param rewriter the rewriter
     * @param counter  counts what was rewritten
     * @return the scrubbed group key
     */
    static String scrub(final String groupKey, final JsonFormat format, final TextRewriter rewriter,
            final FindingCounter counter) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (true) {
            final int quote = groupKey.indexOf('"', i);
            if (quote < 0) {
                break;
            }
            final int close = closingQuote(groupKey, quote);
            if (close < 0) {
                break;
            }
            int nameStart = quote - 1;
            if (nameStart >= i && groupKey.charAt(nameStart) == '=') {
                while (nameStart > copied && isNameChar(groupKey.charAt(nameStart - 1))) {
                    nameStart--;
                }
                final String name = groupKey.substring(nameStart, quote - 1);
                final String value = groupKey.substring(quote + 1, close);
                final String replacement = switch (format.roleOf(name)) {
                    case SECRET -> value.isEmpty() ? value : rewriter.redact(FindingType.PASSWORD, counter);
                    case USERNAME -> UsernameValues.rewrite(value, rewriter, counter, "a user name in a group key");
                    case TEXT -> null;
                };
                if (replacement != null) {
                    if (out == null) {
                        out = new StringBuilder(groupKey.length() + 32);
                    }
                    out.append(rewriter.rewrite(groupKey.substring(copied, quote + 1), counter)).append(replacement);
                    copied = close;
                }
            }
            i = close + 1;
        }
        if (out == null) {
            return rewriter.rewrite(groupKey, counter);
        }
        return out.append(rewriter.rewrite(groupKey.substring(copied), counter)).toString();
    }

    /** The closing quote of a Go-quoted string, or -1 if it is not closed. */
    private static int closingQuote(final String text, final int opening) {
        int i = opening + 1;
        while (i < text.length()) {
            final char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    private static boolean isNameChar(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
