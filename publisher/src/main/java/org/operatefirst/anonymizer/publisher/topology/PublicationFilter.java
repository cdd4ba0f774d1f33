package org.operatefirst.anonymizer.publisher.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * Decides, from the raw record, what of it the public tier publishes under the {@link PublicationPolicy} and the
 * namespaces' consent: all of it, none of it, or (metrics) the series that the policy allows. Runs before
 * scrubbing, on the raw text, because namespaces are what the policy and the consent table are keyed by.
 * Thread-safe; never throws on data: what it cannot read is withheld.
 */
public final class PublicationFilter {

    /** Why a record or series was withheld from the public tier. */
    public static final String REASON_KIND = "kind-not-public";
    /** Why workload data was withheld: its namespace's owners did not opt in. */
    public static final String REASON_WORKLOAD = "workload-without-consent";
    /** Why one of the service's canaries was withheld: {@code publish.canaries} is {@code withhold}. */
    public static final String REASON_CANARY = "canary";

    private static final int MAX_DEPTH = 64;

    private final PublicationPolicy policy;
    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /**
     * Creates the filter of a policy.
     *
     * @param policy the publication policy
     */
    public PublicationFilter(final PublicationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** What the public tier gets of one record. */
    public sealed interface Decision {
        /** The whole record. */
        record Publish() implements Decision {
        }

        /** Nothing. */
        record Withhold(String reason) implements Decision {
        }

        /** Part of it: the series the policy allows, in their order. */
        record Part(String text, int withheld) implements Decision {
        }
    }

    private static final Decision PUBLISH = new Decision.Publish();

    /**
     * Decides what the public tier gets of a record.
     *
     * @param kind     the record's kind
     * @param text     the raw record
     * @param optedIn  whether a workload namespace's owners opted in (the consent table and its default)
     * @return the decision
     */
    public Decision decide(final RecordKind kind, final String text, final Predicate<String> optedIn) {
        if (!policy.publicKinds().contains(kind)) {
            return new Decision.Withhold(REASON_KIND);
        }
        return switch (kind) {
            case LOGS -> verdict(logOrigin(text), optedIn);
            case EVENTS -> policy.eventsFollowNamespace()
                    ? verdict(jsonOrigin(text, PublicationFilter::isEventNamespace), optedIn)
                    : PUBLISH;
            case ALERTS -> verdict(jsonOrigin(text, PublicationFilter::isAlertNamespace), optedIn);
            case METRICS -> metrics(text, optedIn);
        };
    }

    /** Where a record comes from: the namespaces it names and its OpenShift Logging type, if any. */
    private record Origin(List<String> namespaces, String logType, boolean unreadable) {
        static final Origin UNATTRIBUTED = new Origin(List.of(), null, false);
        static final Origin UNREADABLE = new Origin(List.of(), null, true);
    }

    private Decision verdict(final Origin origin, final Predicate<String> optedIn) {
        return publishable(origin, optedIn) ? PUBLISH : new Decision.Withhold(REASON_WORKLOAD);
    }

    private boolean publishable(final Origin origin, final Predicate<String> optedIn) {
        if (origin.unreadable()) {
            return false;
        }
        if (origin.logType() != null && policy.platformLogTypes().contains(origin.logType())) {
            return true;
        }
        if (origin.namespaces().isEmpty()) {
            // A log type that is not the platform's ("application") is workload data even without a namespace.
            return origin.logType() == null && policy.unattributedIsPlatform();
        }
        for (final String namespace : origin.namespaces()) {
            if (!policy.isPlatformNamespace(namespace) && !optedIn.test(namespace)) {
                return false;
            }
        }
        return true;
    }

    private Origin logOrigin(final String text) {
        if (!startsLikeJson(text)) {
            return Origin.UNATTRIBUTED;
        }
        final Origin origin = jsonOrigin(text, PublicationFilter::isLogNamespace);
        // Braces that are not a JSON document: a plain text line, which names no namespace.
        return origin.unreadable() ? Origin.UNATTRIBUTED : origin;
    }

    private static boolean startsLikeJson(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    /** Fields that name a log record's namespace in the envelopes of Vector, Fluent Bit and OpenShift Logging. */
    private static boolean isLogNamespace(final String parent, final String field) {
        return "kubernetes".equals(parent) && ("namespace_name".equals(field) || "pod_namespace".equals(field)
                || "namespace".equals(field))
                || parent == null && ("namespace".equals(field) || "k8s.namespace.name".equals(field));
    }

    private static boolean isEventNamespace(final String parent, final String field) {
        return "namespace".equals(field)
                && ("involvedObject".equals(parent) || "regarding".equals(parent) || "metadata".equals(parent));
    }

    private static boolean isAlertNamespace(final String parent, final String field) {
        return "namespace".equals(field) && ("labels".equals(parent) || "commonLabels".equals(parent)
                || "groupLabels".equals(parent));
    }

    /** Tells whether a string field, inside an object held by field {@code parent}, names a namespace. */
    private interface NamespaceField {
        boolean test(String parent, String field);
    }

    /** Reads the namespaces and the log type a JSON record names; unreadable if it is not one JSON document. */
    private Origin jsonOrigin(final String text, final NamespaceField namespaceField) {
        final List<String> namespaces = new ArrayList<>(2);
        String logType = null;
        try (JsonParser parser = json.createParser(text)) {
            // The field name that holds each open object, innermost last; null for the root and array elements.
            final List<String> holders = new ArrayList<>();
            String field = null;
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                return Origin.UNREADABLE;
            }
            holders.add(null);
            while (!holders.isEmpty()) {
                token = parser.nextToken();
                if (token == null) {
                    return Origin.UNREADABLE;
                }
                switch (token) {
                    case FIELD_NAME -> field = parser.currentName();
                    case START_OBJECT -> {
                        holders.add(parser.getParsingContext().getParent().inArray() ? null : field);
                        field = null;
                    }
                    case END_OBJECT -> holders.remove(holders.size() - 1);
                    case VALUE_STRING -> {
                        final String parent = holders.get(holders.size() - 1);
                        if (field != null && !parser.getParsingContext().inArray()) {
                            if (namespaceField.test(parent, field)) {
                                namespaces.add(parser.getText());
                            } else if (parent == null && "log_type".equals(field)) {
                                logType = parser.getText();
                            }
                        }
                    }
                    default -> {
                        // Arrays, numbers, booleans and nulls name no namespace.
                    }
                }
            }
            if (parser.nextToken() != null) {
                return Origin.UNREADABLE;
            }
        } catch (final IOException e) {
            return Origin.UNREADABLE;
        }
        return new Origin(namespaces, logType, false);
    }

    /** Keeps the series the policy allows; comments (HELP, TYPE, EOF) stay, as they carry no data. */
    private Decision metrics(final String text, final Predicate<String> optedIn) {
        final StringBuilder kept = new StringBuilder(text.length());
        int withheld = 0;
        int samples = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            final String line = text.substring(start, end);
            start = end;
            final String content = line.strip();
            if (content.isEmpty() || content.charAt(0) == '#') {
                kept.append(line);
                continue;
            }
            samples++;
            if (seriesPublishable(content, optedIn)) {
                kept.append(line);
            } else {
                withheld++;
            }
        }
        if (withheld == 0) {
            return PUBLISH;
        }
        if (withheld == samples) {
            return new Decision.Withhold(REASON_WORKLOAD);
        }
        return new Decision.Part(kept.toString(), withheld);
    }

    private boolean seriesPublishable(final String sample, final Predicate<String> optedIn) {
        final Series series = Series.parse(sample);
        if (series == null) {
            return false;
        }
        if (series.namespaces().isEmpty()) {
            return policy.unattributedIsPlatform();
        }
        for (final String namespace : series.namespaces()) {
            if (!policy.isPlatformNamespace(namespace) && !policy.isWorkloadResourceMetric(series.name())
                    && !optedIn.test(namespace)) {
                return false;
            }
        }
        return true;
    }

    /** The metric name and the namespace labels of one sample line of exposition text. */
    record Series(String name, List<String> namespaces) {

        /**
         * Reads a sample line: {@code name{label="value",...} value [timestamp]}.
         *
         * @return the series, or null if the line is not a sample
         */
        static Series parse(final String line) {
            int i = 0;
            final int n = line.length();
            while (i < n && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            if (i == 0) {
                return null;
            }
            final String name = line.substring(0, i);
            if (i == n || line.charAt(i) != '{') {
                return new Series(name, List.of());
            }
            final List<String> namespaces = new ArrayList<>(1);
            i++;
            while (true) {
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                    i++;
                }
                if (i < n && line.charAt(i) == '}') {
                    return new Series(name, namespaces);
                }
                final int labelStart = i;
                while (i < n && line.charAt(i) != '=' && line.charAt(i) != '}') {
                    i++;
                }
                if (i + 1 >= n || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                    return null;
                }
                final String label = line.substring(labelStart, i).strip();
                i += 2;
                final StringBuilder value = new StringBuilder();
                while (i < n && line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = line.charAt(++i);
                        value.append(c == 'n' ? '\n' : c);
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                if (i >= n) {
                    return null;
                }
                i++;
                if ("namespace".equals(label) || "exported_namespace".equals(label)) {
                    namespaces.add(value.toString());
                }
            }
        }
    }
}
