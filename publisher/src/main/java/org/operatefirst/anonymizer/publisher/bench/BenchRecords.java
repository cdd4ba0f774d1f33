package org.operatefirst.anonymizer.publisher.bench;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * Generates benchmark records from sample records: each record is a sample of a kind drawn by the
 * {@link RecordMix}, with its fictional identities varied, so that the scrubber sees many users and addresses
 * rather than one cached pseudonym. The user name {@value #SAMPLE_USER} of the samples is replaced, in every
 * encoding it appears in (plain, percent-encoded, KubeSpawner-escaped), by one of a population of users, and
 * the last octet of every address in the documentation ranges is drawn anew. Deterministic for a seed. Not
 * thread-safe.
 */
public final class BenchRecords {

    /** The user name of the bundled samples, replaced in every generated record. */
    static final String SAMPLE_USER = "jdoe";
    /** The display name of the bundled samples, made distinct per generated record. */
    static final String SAMPLE_NAME = "Jane.Roe";

    private static final List<String> DOCUMENTATION_PREFIXES = List.of("192.0.2.", "198.51.100.", "203.0.113.");
    private static final int MAX_OCTET_DIGITS = 3;

    private final Map<RecordKind, List<String>> samples;
    private final RecordMix mix;
    private final SplittableRandom random;
    private final int users;

    /**
     * One generated record.
     *
     * @param kind  its kind, which selects the raw topic
     * @param value its value, UTF-8
     */
    public record Generated(RecordKind kind, byte[] value) {
        /** Validates the components. */
        public Generated {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Creates a generator.
     *
     * @param samples the sample records of each kind, with fictional identities
     * @param mix     how many records of each kind
     * @param seed    the seed: equal seeds give equal records
     * @param users   the size of the user population, at least 1
     * @throws IllegalArgumentException if a kind of the mix has no samples
     */
    public BenchRecords(final Map<RecordKind, List<String>> samples, final RecordMix mix, final long seed,
            final int users) {
        this.mix = Objects.requireNonNull(mix, "mix");
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, got " + users);
        }
        final Map<RecordKind, List<String>> copy = new EnumMap<>(RecordKind.class);
        for (final Map.Entry<RecordKind, Integer> entry : mix.weights().entrySet()) {
            final List<String> ofKind = samples.getOrDefault(entry.getKey(), List.of());
            if (entry.getValue() > 0 && ofKind.isEmpty()) {
                throw new IllegalArgumentException("no samples of kind " + entry.getKey().topicSuffix());
            }
            copy.put(entry.getKey(), List.copyOf(ofKind));
        }
        this.samples = copy;
        this.random = new SplittableRandom(seed);
        this.users = users;
    }

    /**
     * Generates the next record.
     *
     * @return a record of a kind drawn by the mix
     */
    public Generated next() {
        final RecordKind kind = mix.pick(random.nextInt(mix.total()));
        final List<String> ofKind = samples.get(kind);
        final int user = random.nextInt(users);
        String text = ofKind.get(random.nextInt(ofKind.size()));
        // Lower-case letters and digits: the same in every encoding, so one replacement covers them all.
        text = text.replace(SAMPLE_USER, "user" + user).replace(SAMPLE_NAME, SAMPLE_NAME + user);
        return new Generated(kind, varyAddresses(text).getBytes(StandardCharsets.UTF_8));
    }

    /** Draws a new last octet for every address in the documentation ranges. */
    private String varyAddresses(final String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int at = 0; at < text.length(); at++) {
            final String prefix = prefixAt(text, at);
            if (prefix == null) {
                continue;
            }
            final int digits = at + prefix.length();
            int end = digits;
            while (end < text.length() && end - digits < MAX_OCTET_DIGITS && Character.isDigit(text.charAt(end))) {
                end++;
            }
            if (end == digits) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8);
            }
            out.append(text, copied, digits).append(1 + random.nextInt(254));
            copied = end;
            at = end - 1;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static String prefixAt(final String text, final int at) {
        if (at > 0 && Character.isDigit(text.charAt(at - 1))) {
            return null;
        }
        for (final String prefix : DOCUMENTATION_PREFIXES) {
            if (text.startsWith(prefix, at)) {
                return prefix;
            }
        }
        return null;
    }
}
