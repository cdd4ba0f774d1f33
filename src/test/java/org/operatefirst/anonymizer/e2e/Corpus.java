package org.operatefirst.anonymizer.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/** The end-to-end corpus in {@code src/test/resources/corpus}: records of every kind and the identities in them. */
final class Corpus {

    private Corpus() {
    }

    /**
     * The records of one kind.
     *
     * @param kind the kind
     * @return one record per line, or per blank-line separated block for metrics
     */
    static List<String> records(final RecordKind kind) {
        final String text = read(kind.topicSuffix() + ".txt");
        final List<String> records = new ArrayList<>();
        if (kind == RecordKind.METRICS) {
            for (final String block : text.split("\n\\s*\n")) {
                if (!block.isBlank()) {
                    records.add(block.strip() + "\n");
                }
            }
        } else {
            text.lines().filter(line -> !line.isBlank()).forEach(records::add);
        }
        return records;
    }

    /**
     * Every raw identifier of the corpus in every encoding it could leak in, lower-cased: as written, percent-encoded
     * once and twice, and for emails the local part alone.
     *
     * @return the forbidden strings
     */
    static Set<String> forbidden() {
        final Set<String> forbidden = new LinkedHashSet<>();
        read("identities.txt").lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(identity -> {
            final String lower = identity.toLowerCase(Locale.ROOT);
            forbidden.add(lower);
            final String once = URLEncoder.encode(lower, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            forbidden.add(once);
            forbidden.add(URLEncoder.encode(once, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
            final int at = lower.indexOf('@');
            if (at > 0) {
                forbidden.add(lower.substring(0, at));
            }
        });
        return forbidden;
    }

    private static String read(final String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
