package org.operatefirst.anonymizer.publisher.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;
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
        final int capacity = options.scrubPolicy().learnedNamesCapacity();
        // Names carry from line to line in input order, on the thread that writes: the same for any --threads.
        // A file's order, not the clock, says what came before, so names are forgotten by the bound alone.
        final LearnedIdentities memory = capacity > 0 ? LearnedIdentities.of(capacity, Duration.ZERO) : null;
        final Writer writer = new Writer(scrubber, kind, memory);
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
                final boolean learning = memory != null;
                if (pool == null) {
                    writer.write(work.scrub(scrubber, decoder, kind, learning), output, err, totals);
                    continue;
                }
                pending.add(pool.submit(() -> work.scrub(scrubber, decoder, kind, learning)));
                if (pending.size() >= inFlight) {
                    writer.write(result(pending.remove()), output, err, totals);
                }
            }
            while (!pending.isEmpty()) {
                writer.write(result(pending.remove()), output, err, totals);
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

    /**
     * Writes scrubbed batches in input order. With a memory of names, each line is first checked for names that
     * earlier lines gave away and scrubbed again knowing them if it holds one, then its own names are remembered:
     * all on this one thread, in input order, so the output does not depend on how many threads scrubbed.
     */
    private static final class Writer {
        private final Scrubber scrubber;
        private final RecordKind kind;
        private final LearnedIdentities memory;

        Writer(final Scrubber scrubber, final RecordKind kind, final LearnedIdentities memory) {
            this.scrubber = scrubber;
            this.kind = kind;
            this.memory = memory;
        }

        void write(final Scrubbed scrubbed, final OutputStream output, final PrintWriter err, final Totals totals)
                throws IOException {
            if (memory == null) {
                output.write(scrubbed.output(), 0, scrubbed.length());
                for (final String failure : scrubbed.failures()) {
                    if (failure != null) {
                        totals.failures++;
                        err.print(failure);
                    }
                }
                return;
            }
            int from = 0;
            for (int k = 0; k < scrubbed.lineEnds().length; k++) {
                final String failure = scrubbed.failures().get(k);
                if (failure != null) {
                    totals.failures++;
                    err.print(failure);
                    continue;
                }
                final int end = scrubbed.lineEnds()[k];
                final Set<String> earlier = memory.occurringIn(scrubbed.outputs().get(k));
                if (earlier.isEmpty()) {
                    output.write(scrubbed.output(), from, end - from);
                } else {
                    switch (scrubber.scrubKnowing(kind, scrubbed.inputs().get(k), earlier)) {
                        case ScrubResult.Scrubbed again -> {
                            output.write(again.output().getBytes(StandardCharsets.UTF_8));
                            output.write('\n');
                        }
                        case ScrubResult.Failed failed -> {
                            totals.failures++;
                            err.printf("anonymizer scrub: line %d not scrubbed: %s (%s)%n",
                                    scrubbed.firstNumber() + k, failed.reason(), failed.detail());
                        }
                    }
                }
                from = end;
                memory.remember(scrubbed.learned().get(k));
            }
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

        /**
         * Decodes (once) and scrubs every line, and encodes (once) every output. Runs on any thread. Learning, it
         * also keeps each line's text, output and the names it gave away, for the writer's ordered pass.
         */
        Scrubbed scrub(final Scrubber scrubber, final TextDecoder decoder, final RecordKind kind,
                final boolean learning) {
            final Bytes output = new Bytes();
            final int[] lineEnds = new int[lines.size()];
            final List<String> failures = new ArrayList<>(lines.size());
            final List<String> inputs = learning ? new ArrayList<>(lines.size()) : List.of();
            final List<String> outputs = learning ? new ArrayList<>(lines.size()) : List.of();
            final List<List<String>> learned = learning ? new ArrayList<>(lines.size()) : List.of();
            long number = firstNumber;
            int k = 0;
            for (final byte[] line : lines) {
                List<String> names = List.of();
                String text = null;
                final ScrubResult result;
                switch (decoder.decode(line)) {
                    case DecodeResult.Decoded decoded -> {
                        text = decoded.text();
                        if (learning) {
                            final Scrubber.Learning scrubbed = scrubber.scrubLearning(kind, text);
                            result = scrubbed.result();
                            names = scrubbed.learned();
                        } else {
                            result = scrubber.scrub(kind, text);
                        }
                    }
                    case DecodeResult.Rejected rejected -> result = new ScrubResult.Failed(rejected.reason(),
                            rejected.detail());
                }
                String scrubbedText = null;
                switch (result) {
                    case ScrubResult.Scrubbed scrubbed -> {
                        output.appendLine(scrubbed.output());
                        scrubbedText = scrubbed.output();
                        failures.add(null);
                    }
                    case ScrubResult.Failed failed -> failures.add(String.format(
                            "anonymizer scrub: line %d not scrubbed: %s (%s)%n", number, failed.reason(),
                            failed.detail()));
                }
                lineEnds[k++] = output.length;
                if (learning) {
                    inputs.add(text);
                    outputs.add(scrubbedText);
                    learned.add(names);
                }
                number++;
            }
            return new Scrubbed(firstNumber, output.bytes, output.length, lineEnds, failures, inputs, outputs,
                    learned);
        }
    }

    /**
     * A scrubbed batch, ready to write.
     *
     * @param firstNumber the line number of its first line
     * @param output      the output lines in UTF-8, each ending in {@code \n}, in {@code [0, length)}
     * @param length      how many bytes of {@code output} are used
     * @param lineEnds    where each line's output ends in {@code output} (a line not scrubbed ends where the one
     *                    before it did)
     * @param failures    per line, the message if it was not scrubbed, else null
     * @param inputs      per line, its text, if learning (null if it could not be decoded)
     * @param outputs     per line, its scrubbed text, if learning (null if it was not scrubbed)
     * @param learned     per line, the user names it gave away, if learning
     */
    private record Scrubbed(long firstNumber, byte[] output, int length, int[] lineEnds, List<String> failures,
            List<String> inputs, List<String> outputs, List<List<String>> learned) {
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
