package org.operatefirst.anonymizer.scrubbers.format;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;

/**
 * Prometheus samples in the text exposition format 0.0.4 or OpenMetrics 1.0 text: one record is a block of one or
 * more lines, as a scrape or a push gateway sends it.
 *
 * <h2>What is rewritten</h2>
 * <ul>
 *   <li>Label values, of samples and of OpenMetrics exemplars ({@code # {trace_id="..."} 1.0 1620209251.000}),
 *       are unescaped, scrubbed and escaped again. How a value is scrubbed depends on its label's name:
 *       <ul>
 *         <li>a name that names a secret ({@code password}, {@code passwd}, {@code token}, {@code api_key},
 *             {@code apikey}, or ending in {@code _password}, {@code _passwd}, {@code _token}, {@code _secret},
 *             {@code _api_key}, {@code _apikey}; any case): the value is replaced by {@code [REDACTED:password]},
 *             unless it is empty. A label called just {@code secret} is not one of them: in kube-state-metrics it
 *             holds the name of a Secret object, so it is scanned like any other value;</li>
 *         <li>a name in the policy's user name fields, compared in lower case (for example {@code user} or
 *             {@code label_hub_jupyter_org_username}): the whole value is a user name. A value that KubeSpawner
 *             escaped ({@code jdoe-40example-2eorg}: it reads as an escaped name and holds at least one escape)
 *             becomes the escaped pseudonym, exactly the one that replaces the user name in the pod's name
 *             (KubeSpawner writes the escaped name into pod labels, which cannot hold {@code @}, and the raw name
 *             into annotations). Any other value is rewritten by {@link TextRewriter#rewriteUsername}. A raw name
 *             that happens to read as an escaped one ({@code x-41}, escaped {@code xA}) is taken for escaped: it
 *             still gets a pseudonym, that of the decoded name;</li>
 *         <li>any other name: the value is scanned as free text ({@link TextRewriter#rewrite}), which rewrites
 *             email addresses, IP addresses (also {@code instance="10.131.3.21:10250"}) and KubeSpawner pod
 *             and claim names.</li>
 *       </ul></li>
 *   <li>HELP docstrings and comments other than HELP, TYPE, UNIT and EOF are free text, scanned like a label
 *       value: a docstring could hold personal data as well as any label.</li>
 * </ul>
 * Metric names, label names, values, timestamps, TYPE, UNIT and EOF lines, blanks and each line's terminator
 * ({@code \n} or {@code \r\n}, and the record's last newline or its absence) are copied byte for byte, and so is
 * every label value, docstring and comment in which nothing was found. A rewritten label value is escaped
 * ({@code \\}, {@code \"}, {@code \n}) as the input was: only these three escapes are accepted, so each value has
 * one escaped form. A rewritten docstring escapes double quotes only if the input docstring did, since OpenMetrics
 * escapes them and the 0.0.4 format need not.
 *
 * <h2>What is rejected</h2>
 * A sample line is parsed in full, with the blanks the 0.0.4 format allows around every token: a metric name, an
 * optional label set (an empty one, {@code {}}, and a trailing comma are fine), a value, an optional timestamp
 * and an optional exemplar. A line that does not parse, such as an unbalanced quote, an escape other than the
 * three above, a missing or non-numeric value, text after the timestamp, or a malformed HELP, TYPE or UNIT line,
 * fails the whole record with {@value #REASON_NOT_EXPOSITION} and the line's number: a line that is not understood
 * is never passed through, because it may hold a raw label value. Limits: a line has at most
 * {@value #MAX_LINE_LENGTH} characters and a label set at most {@value #MAX_LABELS} labels.
 *
 * <h2>Series stay apart</h2>
 * Two different series of a record must not become one, which would merge their samples. Pseudonyms are keyed
 * one-to-one in practice, but a value kept as it is (an address in a kept range) could equal another value's
 * pseudonym, and redacted secrets are all alike. If two different series of one record scrub to the same series
 * (the same metric name and label set, labels in any order), the record fails with
 * {@value #REASON_SERIES_COLLISION}.
 *
 * <h2>JSON</h2>
 * prometheus-kafka-adapter writes one JSON object per sample, {@code {"labels":{...},"name":...,"value":...}}. A
 * record that opens a JSON object is scanned as free text for now.
 *
 * <p>Reads each character a bounded number of times: linear in the length of the record. Immutable and
 * thread-safe.
 */
public final class PrometheusTextFormat implements RecordFormat {

    /** Reason of a record that is not valid exposition text. */
    public static final String REASON_NOT_EXPOSITION = "not-exposition";
    /** Reason of a record in which scrubbing would make two different series one. */
    public static final String REASON_SERIES_COLLISION = "series-collision";
    /** The longest line accepted, in characters: the default record size limit of the publisher, 1 MiB. */
    public static final int MAX_LINE_LENGTH = 1 << 20;
    /** The most labels accepted in one label set, of a sample or an exemplar. */
    public static final int MAX_LABELS = 1024;

    private final Set<String> usernameLabels;

    /**
     * Creates the format.
     *
     * @param usernameLabels label names whose whole value is a user name, such as the policy's
     *                       {@code usernameFields()}; compared in lower case
     */
    public PrometheusTextFormat(final Set<String> usernameLabels) {
        this.usernameLabels = Objects.requireNonNull(usernameLabels, "usernameLabels").stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String scrub(final String input, final TextRewriter rewriter, final FindingCounter counter) {
        if (opensJsonObject(input)) {
            // Until a JSON format exists, the adapter's JSON is free text; the JSON format takes over then.
            return rewriter.rewrite(input, counter);
        }
        return new ExpositionRewrite(input, rewriter, counter, usernameLabels).run();
    }

    /**
     * Whether the text opens a JSON object: a brace, then a closing brace or a string and a colon. Exposition text
     * never starts with a brace, except for the quoted metric names of the newer UTF-8 text format
     * ({@code {"metric.name",a="b"} 1}), where the string is followed by a comma or a closing brace: those are
     * left to the exposition parser, which rejects them.
     *
     * @param text the record
     * @return true if the record opens a JSON object
     */
    static boolean opensJsonObject(final String text) {
        int i = skipWhitespace(text, 0);
        if (i == text.length() || text.charAt(i) != '{') {
            return false;
        }
        i = skipWhitespace(text, i + 1);
        if (i < text.length() && text.charAt(i) == '}') {
            return true;
        }
        if (i == text.length() || text.charAt(i) != '"') {
            return false;
        }
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i = skipWhitespace(text, i + 1);
        return i < text.length() && text.charAt(i) == ':';
    }

    private static int skipWhitespace(final String text, final int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r'
                || text.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }
}
