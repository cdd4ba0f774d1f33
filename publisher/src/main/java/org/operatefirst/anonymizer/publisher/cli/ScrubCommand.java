package org.operatefirst.anonymizer.publisher.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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

    /** A batch of lines ends when it holds this many bytes, so that in-flight memory stays bounded. */
    private static final int BATCH_BYTES = 1 << 20;
    private static final int OUTPUT_BUFFER_BYTES = 1 << 20;

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

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads that scrub, in batches of lines; the output stays in input order and is the "
                    + "same for any N (default: the CPUs the JVM may use).")
    private int threads;

    @Option(names = "--batch-lines", paramLabel = "N", defaultValue = "4096", hidden = true,
            description = "Lines per batch handed to a thread (at most; a batch also ends at 1 MiB).")
    private int batchLines;

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
        if (threads < 0 || batchLines < 1) {
            throw new CommandLine.ParameterException(commandLine,
                    "--threads must be 0 (the CPUs) or more, --batch-lines 1 or more");
        }
        final Scrubber scrubber = options.scrubber(options.secretFile == null
                ? ScrubberOptions.ephemeralSecret(err)
                : options.loadSecret(commandLine));
        final TextDecoder decoder = new TextDecoder(maxRecordBytes);
        final LineReader reader = new LineReader(in, maxRecordBytes);
        final OutputStream output = new BufferedOutputStream(out, OUTPUT_BUFFER_BYTES);
        final int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        final ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, daemons()) : null;
        // At most this many batches are read ahead of the one being written: bounded memory, in input order.
        final int inFlight = 2 * workers;
        final ArrayDeque<Future<Scrubbed>> pending = new ArrayDeque<>();
        final Totals totals = new Totals();
        try {
            long number = 0;
            for (Batch batch = readBatch(reader, number); batch != null; batch = readBatch(reader, number)) {
                number += batch.lines().size();
                final Batch work = batch;
                if (pool == null) {
                    write(work.scrub(scrubber, decoder, kind), output, err, totals);
                    continue;
                }
                pending.add(pool.submit(() -> work.scrub(scrubber, decoder, kind)));
                if (pending.size() >= inFlight) {
                    write(result(pending.remove()), output, err, totals);
                }
            }
            while (!pending.isEmpty()) {
                write(result(pending.remove()), output, err, totals);
            }
            totals.records = number;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            output.flush();
            err.flush();
        }
        if (totals.failures > 0) {
            err.printf("anonymizer scrub: %d of %d records not scrubbed%n", totals.failures, totals.records);
            err.flush();
            return 1;
        }
        return 0;
    }

    private Batch readBatch(final LineReader reader, final long before) throws IOException {
        final List<byte[]> lines = new ArrayList<>(batchLines);
        long bytes = 0;
        for (byte[] line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
            bytes += line.length;
            if (lines.size() >= batchLines || bytes >= BATCH_BYTES) {
                break;
            }
        }
        return lines.isEmpty() ? null : new Batch(before + 1, lines);
    }

    private static Scrubbed result(final Future<Scrubbed> future) throws IOException {
        try {
            return future.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while scrubbing");
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void write(final Scrubbed scrubbed, final OutputStream output, final PrintWriter err,
            final Totals totals) throws IOException {
        output.write(scrubbed.output(), 0, scrubbed.length());
        for (final String failure : scrubbed.failures()) {
            totals.failures++;
            err.print(failure);
        }
    }

    private static ThreadFactory daemons() {
        return Thread.ofPlatform().name("scrub-", 1).daemon().factory();
    }

    /** Counts over the whole run; written by the one thread that writes the output. */
    private static final class Totals {
        private long failures;
        private long records;
    }

    /**
     * Consecutive lines of the input.
     *
     * @param firstNumber the line number of the first, from 1
     * @param lines       the lines' bytes
     */
    private record Batch(long firstNumber, List<byte[]> lines) {

        /** Decodes (once) and scrubs every line, and encodes (once) every output. Runs on any thread. */
        Scrubbed scrub(final Scrubber scrubber, final TextDecoder decoder, final RecordKind kind) {
            final Bytes output = new Bytes();
            final List<String> failures = new ArrayList<>(0);
            long number = firstNumber;
            for (final byte[] line : lines) {
                final ScrubResult result = switch (decoder.decode(line)) {
                    case DecodeResult.Decoded decoded -> scrubber.scrub(kind, decoded.text());
                    case DecodeResult.Rejected rejected -> new ScrubResult.Failed(rejected.reason(),
                            rejected.detail());
                };
                switch (result) {
                    case ScrubResult.Scrubbed scrubbed -> output.appendLine(scrubbed.output());
                    case ScrubResult.Failed failed -> failures.add(String.format(
                            "anonymizer scrub: line %d not scrubbed: %s (%s)%n", number, failed.reason(),
                            failed.detail()));
                }
                number++;
            }
            return new Scrubbed(output.bytes, output.length, failures);
        }
    }

    /**
     * A scrubbed batch, ready to write.
     *
     * @param output   the output lines in UTF-8, each ending in {@code \n}, in {@code [0, length)}
     * @param length   how many bytes of {@code output} are used
     * @param failures the messages for the lines not scrubbed, in order
     */
    private record Scrubbed(byte[] output, int length, List<String> failures) {
    }

    /** A growable byte array, so that a batch's output is copied once into it and written from it. */
    private static final class Bytes {
        private byte[] bytes = new byte[BATCH_BYTES + BATCH_BYTES / 4];
        private int length;

        void appendLine(final String line) {
            final byte[] encoded = line.getBytes(StandardCharsets.UTF_8);
            if (length + encoded.length + 1 > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + encoded.length + 1));
            }
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
            bytes[length++] = '\n';
        }
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
