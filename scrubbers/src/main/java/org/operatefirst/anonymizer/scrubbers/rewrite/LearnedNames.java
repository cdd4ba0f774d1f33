package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.directory.WordList;

/**
 * The user names one record says it holds: values that a context marked as user names (a {@code /user/<name>/}
 * path, a {@code user=} pair, a user name field or label, a KubeSpawner pod's escaped user). Whatever the scrubber
 * learns about a value in a record holds for the whole record: if such a name also appears elsewhere in it, without
 * context, the record is scrubbed again with the names as known words, in every encoding the scrubber knows (as
 * written and in any case, percent-encoded, KubeSpawner-escaped), so that no occurrence is left.
 *
 * <p>Names shorter than {@value #MIN_LENGTH} characters are not learned (they are words, not identities, too
 * often), and at most {@value #MAX_NAMES} are kept per record, which bounds the second pass. Not thread-safe: one
 * per record.
 */
public final class LearnedNames {

    /** The shortest name learned. */
    static final int MIN_LENGTH = 3;
    /** The most names learned from one record. */
    static final int MAX_NAMES = 32;
    /** The longest name learned, as the context detector's. */
    static final int MAX_LENGTH = 256;
    /** Above this product of text and form lengths, {@link #occurIn} runs the automaton rather than searches. */
    private static final long MAX_DIRECT_WORK = 1L << 16;

    // Created at the first name: most records give none away, and this is made for every record.
    private Set<String> names = Set.of();
    private Detector detector;

    /** An empty set, for one record. */
    public LearnedNames() {
    }

    /**
     * Learns that a value of this record is a user name (decoded: as the hub knows it).
     *
     * @param name the user name
     */
    public void learn(final String name) {
        final String stripped = name.strip();
        if (stripped.length() >= MIN_LENGTH && stripped.length() <= MAX_LENGTH && names.size() < MAX_NAMES
                && stripped.indexOf('@') < 0) {
            if (names.isEmpty()) {
                names = new LinkedHashSet<>();
            }
            if (names.add(stripped.toLowerCase(Locale.ROOT))) {
                detector = null;
            }
        }
    }

    /**
     * Whether nothing was learned.
     *
     * @return true if no name was learned
     */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * The learned names, lower-cased, in the order they were learned.
     *
     * @return the names
     */
    public Set<String> names() {
        return Set.copyOf(names);
    }

    /**
     * The learned names, lower-cased, in the order they were learned, as a list.
     *
     * @return the names
     */
    public List<String> inOrder() {
        return List.copyOf(names);
    }

    /**
     * Whether any learned name still occurs in a text (a scrubbed record), as a whole word, in any form.
     *
     * @param text the text
     * @return true if the record must be scrubbed again knowing the names
     */
    public boolean occurIn(final String text) {
        // Most names are written the same in every form: each distinct form is searched once.
        final List<String> forms = new ArrayList<>();
        long length = 0;
        for (final String name : names) {
            for (final String form : new String[] {name, percentEncoded(name), KubeSpawnerEscape.escape(name)}) {
                if (!forms.contains(form)) {
                    forms.add(form);
                }
            }
            length += 3L * name.length();
        }
        if (length * text.length() > MAX_DIRECT_WORK) {
            // A long text and many long names: one pass of the automaton instead of a search per form.
            final List<Finding> found = new ArrayList<>(1);
            detector().detect(text, found);
            return !found.isEmpty();
        }
        for (final String form : forms) {
            if (occursAsWord(text, form)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a form occurs in a text, ignoring case, not inside a longer word: the usual case, without building
     * an automaton. Candidates are found by one character of the form, its first ASCII digit if it has one (rarer
     * in text than letters, and without case), else its first character. Reads at most {@link #MAX_DIRECT_WORK}
     * characters, as its caller checks.
     */
    private static boolean occursAsWord(final String text, final String form) {
        int anchor = 0;
        while (anchor < form.length() && (form.charAt(anchor) < '0' || form.charAt(anchor) > '9')) {
            anchor++;
        }
        if (anchor == form.length()) {
            anchor = 0;
        }
        final char lower = Character.toLowerCase(form.charAt(anchor));
        final char upper = Character.toUpperCase(form.charAt(anchor));
        for (int p = nextOf(text, lower, upper, anchor); p >= 0; p = nextOf(text, lower, upper, p + 1)) {
            final int at = p - anchor;
            final int end = at + form.length();
            if (end <= text.length() && text.regionMatches(true, at, form, 0, form.length())
                    && (at == 0 || !isWordChar(text.charAt(at - 1)))
                    && (end == text.length() || !isWordChar(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static int nextOf(final String text, final char lower, final char upper, final int from) {
        final int a = text.indexOf(lower, from);
        if (lower == upper) {
            return a;
        }
        final int b = text.indexOf(upper, from);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /**
     * A detector of the learned names in every form: as written, in any case, as a {@link FindingType#USERNAME};
     * percent-encoded, also a user name (whose pseudonym is computed from the decoded value); KubeSpawner-escaped,
     * as an {@link FindingType#ESCAPED_USERNAME}, found only exactly as KubeSpawner writes it, since the escape is
     * case-sensitive.
     *
     * @return the detector
     */
    Detector detector() {
        if (detector == null) {
            detector = build();
        }
        return detector;
    }

    private Detector build() {
        final List<String> words = new ArrayList<>();
        final List<FindingType> types = new ArrayList<>();
        final Set<String> escapedForms = new LinkedHashSet<>();
        for (final String name : names) {
            words.add(name);
            types.add(FindingType.USERNAME);
            final String encoded = percentEncoded(name);
            if (!encoded.equals(name)) {
                words.add(encoded);
                types.add(FindingType.USERNAME);
            }
            final String escaped = KubeSpawnerEscape.escape(name);
            if (!escaped.equals(name)) {
                words.add(escaped);
                types.add(FindingType.ESCAPED_USERNAME);
                escapedForms.add(escaped);
            }
        }
        final Detector words0 = WordList.detector(words, types);
        if (escapedForms.isEmpty()) {
            return words0;
        }
        return (text, out) -> {
            final List<Finding> found = new ArrayList<>();
            words0.detect(text, found);
            for (final Finding finding : found) {
                if (finding.type() != FindingType.ESCAPED_USERNAME
                        || escapedForms.contains(text.subSequence(finding.start(), finding.end()).toString())) {
                    out.add(finding);
                }
            }
        };
    }

    /** Percent-encodes every byte outside RFC 3986's unreserved characters, as a URL path segment would be. */
    static String percentEncoded(final String name) {
        final StringBuilder out = new StringBuilder(name.length());
        for (final byte b : name.getBytes(StandardCharsets.UTF_8)) {
            final int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
