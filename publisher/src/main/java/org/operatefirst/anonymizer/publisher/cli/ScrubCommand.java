package org.operatefirst.anonymizer.publisher.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.operatefirst.anonymizer.ingest.decode.DecodeResult;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anonymizer scrub}: scrubs records from standard input to standard output, one record per line, in order,
 * exactly as the service would for the same tier, key and policy. A line that cannot be scrubbed is not printed;
 * it is reported on standard error with its line number, and the exit status is 1 at the end.
 */
@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = {"Scrubs records from standard input to standard output, one record per line.",
            "Metrics: an exposition stream, scrubbed line by line."})
final class ScrubCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ScrubberOptions options;

    @Option(names = "--kind", paramLabel = "KIND", required = true, converter = KindConverter.class,
            description = "logs, events, metrics or alerts.")
    private RecordKind kind;

    @Option(names = "--ephemeral-key",
            description = "Without --secret-file: use a random key for this run only (its pseudonyms match no "
                    + "other run).")
    private boolean ephemeralKey;

    @Option(names = "--max-record-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "Longer lines are not scrubbed (default: ${DEFAULT-VALUE}).")
    private int maxRecordBytes;

    private InputStream in = System.in;
    private OutputStream out = System.out;

    /** For tests: read from and write to the given streams instead of standard input and output. */
    ScrubCommand withStreams(final InputStream input, final OutputStream output) {
        this.in = input;
        this.out = output;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        final CommandLine commandLine = spec.commandLine();
        final PrintWriter err = commandLine.getErr();
        if (options.secretFile == null && !ephemeralKey) {
            throw new CommandLine.ParameterException(commandLine,
                    "Missing --secret-file (or --ephemeral-key for a throw-away key)");
        }
        final Scrubber scrubber = options.scrubber(options.secretFile == null
                ? ScrubberOptions.ephemeralSecret(err)
                : options.loadSecret(commandLine));
        final TextDecoder decoder = new TextDecoder(maxRecordBytes);
        final LineReader reader = new LineReader(in, maxRecordBytes);
        final Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int failures = 0;
        long number = 0;
        try {
            for (byte[] line = reader.next(); line != null; line = reader.next()) {
                number++;
                final ScrubResult result = switch (decoder.decode(line)) {
                    case DecodeResult.Decoded decoded -> scrubber.scrub(kind, decoded.text());
                    case DecodeResult.Rejected rejected -> new ScrubResult.Failed(rejected.reason(),
                            rejected.detail());
                };
                switch (result) {
                    case ScrubResult.Scrubbed scrubbed -> writer.append(scrubbed.output()).append('\n');
                    case ScrubResult.Failed failed -> {
                        failures++;
                        err.printf("anonymizer scrub: line %d not scrubbed: %s (%s)%n", number, failed.reason(),
                                failed.detail());
                    }
                }
            }
        } finally {
            writer.flush();
            err.flush();
        }
        if (failures > 0) {
            err.printf("anonymizer scrub: %d of %d records not scrubbed%n", failures, number);
            err.flush();
            return 1;
        }
        return 0;
    }

    /** Parses a record kind, ignoring case. */
    static final class KindConverter implements CommandLine.ITypeConverter<RecordKind> {
        @Override
        public RecordKind convert(final String value) {
            return RecordKind.fromName(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a kind: use logs, events, metrics or alerts"));
        }
    }
}
