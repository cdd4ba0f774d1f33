package org.operatefirst.anonymizer.publisher.dryrun;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a dry run's output differs from its input, for the playground page to highlight: the scrubbers report
 * counts, not positions, so the spans are found by comparing the two texts token by token (a longest common
 * subsequence of tokens, after the common prefix and suffix are set aside). Each change is typed by the shape of
 * what replaced it: a pseudonymized email or user name, an address, a redaction marker.
 *
 * <p>Bounded: when the differing middle has more than {@value #MAX_CELLS} token pairs to compare, the whole middle
 * is one change.
 */
final class ChangeSpans {

    /** Token pairs compared at most; 2M cells of 4 bytes each bound the memory of one comparison to 8 MiB. */
    static final int MAX_CELLS = 2_000_000;

    private static final Pattern EMAIL = Pattern.compile("u[a-z2-7]{12}(@|%40)d[a-z2-7]{8}\\.invalid");
    private static final Pattern USERNAME = Pattern.compile("(^|[^a-z0-9])u[a-z2-7]{12}($|[^a-z0-9@%])");
    private static final Pattern MARKER = Pattern.compile("\\[?REDACTED:([a-z0-9-]+)\\]?");
    private static final Pattern MAC = Pattern.compile(
            "(^|[^0-9a-fA-F:.-])([0-9a-fA-F]{2}([:-])([0-9a-fA-F]{2}[:-]){4}[0-9a-fA-F]{2}|[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}"
                    + "\\.[0-9a-fA-F]{4})($|[^0-9a-fA-F:.-])");
    private static final Pattern IPV4 = Pattern.compile("(^|[^0-9.])[0-9]{1,3}(\\.[0-9]{1,3}){3}($|[^0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]{0,4}:[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]*");

    private ChangeSpans() {
    }

    /**
     * One change: characters {@code [inputStart, inputEnd)} of the input became {@code [outputStart, outputEnd)} of
     * the output.
     *
     * @param type        what the replacement looks like: {@code email}, {@code username}, {@code ip},
     *                    {@code mac}, {@code secret:<type>}, or {@code rewritten}
     * @param inputStart  first character in the input
     * @param inputEnd    end in the input, exclusive
     * @param outputStart first character in the output
     * @param outputEnd   end in the output, exclusive
     */
    record Change(String type, int inputStart, int inputEnd, int outputStart, int outputEnd) {
    }

    static List<Change> between(final String input, final String output) {
        final List<int[]> a = tokens(input);
        final List<int[]> b = tokens(output);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && same(input, a.get(prefix), output, b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && same(input, a.get(a.size() - 1 - suffix), output, b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        final int n = a.size() - prefix - suffix;
        final int m = b.size() - prefix - suffix;
        final List<Change> changes = new ArrayList<>();
        if (n == 0 && m == 0) {
            return changes;
        }
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            changes.add(change(input, output, a, b, prefix, prefix + n, prefix, prefix + m));
            return changes;
        }
        // lcs[i][j]: length of the longest common subsequence of a[prefix+i..] and b[prefix+j..].
        final int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = same(input, a.get(prefix + i), output, b.get(prefix + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        int changeI = -1;
        int changeJ = -1;
        while (i < n || j < m) {
            if (i < n && j < m && same(input, a.get(prefix + i), output, b.get(prefix + j))) {
                if (changeI >= 0) {
                    changes.add(change(input, output, a, b, prefix + changeI, prefix + i, prefix + changeJ,
                            prefix + j));
                    changeI = -1;
                }
                i++;
                j++;
                continue;
            }
            if (changeI < 0) {
                changeI = i;
                changeJ = j;
            }
            if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                j++;
            } else {
                i++;
            }
        }
        if (changeI >= 0) {
            changes.add(change(input, output, a, b, prefix + changeI, prefix + n, prefix + changeJ, prefix + m));
        }
        return changes;
    }

    private static Change change(final String input, final String output, final List<int[]> a, final List<int[]> b,
            final int fromA, final int toA, final int fromB, final int toB) {
        final int inputStart = fromA < a.size() ? a.get(fromA)[0] : input.length();
        final int inputEnd = toA > fromA ? a.get(toA - 1)[1] : inputStart;
        final int outputStart = fromB < b.size() ? b.get(fromB)[0] : output.length();
        final int outputEnd = toB > fromB ? b.get(toB - 1)[1] : outputStart;
        return new Change(type(output.substring(outputStart, outputEnd)), inputStart, inputEnd, outputStart,
                outputEnd);
    }

    /** The shapes in a replacement, most specific first. */
    static String type(final String replacement) {
        final com.google.re2j.Matcher marker = MARKER.matcher(replacement);
        if (marker.find()) {
            return "secret:" + marker.group(1);
        }
        final List<String> types = new ArrayList<>();
        if (EMAIL.matcher(replacement).find()) {
            types.add("email");
        } else if (USERNAME.matcher(replacement).find()) {
            types.add("username");
        }
        if (MAC.matcher(replacement).find()) {
            types.add("mac");
        } else if (IPV4.matcher(replacement).find() || IPV6.matcher(replacement).find()) {
            types.add("ip");
        }
        return types.isEmpty() ? "rewritten" : String.join("+", types);
    }

    /**
     * Tokens as {@code [start, end)} pairs: runs of letters, digits and the characters identifiers are made of
     * ({@code . _ % + - @ :}), every other character alone.
     */
    private static List<int[]> tokens(final String text) {
        final List<int[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            final int start = i;
            if (isWordChar(text.charAt(i))) {
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
            } else {
                i++;
            }
            tokens.add(new int[] {start, i});
        }
        return tokens;
    }

    private static boolean isWordChar(final char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '@'
                || c == ':';
    }

    private static boolean same(final String input, final int[] a, final String output, final int[] b) {
        final int length = a[1] - a[0];
        return length == b[1] - b[0] && input.regionMatches(a[0], output, b[0], length);
    }
}
