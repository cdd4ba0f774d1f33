package org.operatefirst.anonymizer.publisher.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * One bundled sample record. The samples are the kinds of data the original publication request showed, rewritten
 * with fictional identities (example.org, documentation address ranges). Logs, events and alerts hold one record
 * per line; metrics hold one exposition block per record, blocks separated by a blank line.
 *
 * @param kind     the kind, which selects the raw topic
 * @param value    the record value
 * @param malformed whether the sample is deliberately undecodable, to show the quarantine
 */
record DemoSample(RecordKind kind, byte[] value, boolean malformed) {

    DemoSample {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * The text of the value, for display.
     *
     * @return the value decoded as UTF-8, with replacement characters where it is not
     */
    String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Loads the bundled samples of every kind, and one malformed log record.
     *
     * @return the samples, grouped by kind in {@link RecordKind} order
     */
    static List<DemoSample> bundled() {
        final List<DemoSample> samples = new ArrayList<>();
        for (final RecordKind kind : RecordKind.values()) {
            for (final String record : records(kind)) {
                samples.add(new DemoSample(kind, record.getBytes(StandardCharsets.UTF_8), false));
            }
        }
        // Latin-1 bytes where UTF-8 is required: undecodable, so it must go to quarantine and nowhere else.
        samples.add(new DemoSample(RecordKind.LOGS,
                "[W 2021-05-05 10:04:12.001 JupyterHub] caf\u00e9 user j\u00f6rg@example.org"
                        .getBytes(StandardCharsets.ISO_8859_1), true));
        return samples;
    }

    private static List<String> records(final RecordKind kind) {
        final String resource = "/demo/" + kind.topicSuffix() + ".txt";
        final InputStream in = DemoSample.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing bundled sample resource " + resource);
        }
        final List<String> records = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            final StringBuilder block = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (kind != RecordKind.METRICS) {
                    if (!line.isBlank()) {
                        records.add(line);
                    }
                } else if (line.isBlank()) {
                    flush(block, records);
                } else {
                    block.append(line).append('\n');
                }
            }
            flush(block, records);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static void flush(final StringBuilder block, final List<String> records) {
        if (!block.isEmpty()) {
            records.add(block.toString());
            block.setLength(0);
        }
    }
}
