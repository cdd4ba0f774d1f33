package org.operatefirst.anonymizer.publisher.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * How many records of each kind a benchmark produces, as integer weights, for example
 * {@code logs=60,events=20,metrics=15,alerts=5}. Kinds left out get no records.
 *
 * @param weights the weight of each kind; at least one is positive, none is negative
 */
public record RecordMix(Map<RecordKind, Integer> weights) {

    /** The default mix: mostly log lines, as in a cluster's operational data. */
    public static final String DEFAULT = "logs=60,events=20,metrics=15,alerts=5";

    /** Validates the weights and makes them immutable. */
    public RecordMix {
        final EnumMap<RecordKind, Integer> copy = new EnumMap<>(RecordKind.class);
        copy.putAll(Objects.requireNonNull(weights, "weights"));
        int total = 0;
        for (final Map.Entry<RecordKind, Integer> entry : copy.entrySet()) {
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("the weight of " + entry.getKey().topicSuffix()
                        + " is negative: " + entry.getValue());
            }
            total += entry.getValue();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("a record mix needs at least one positive weight");
        }
        weights = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a mix such as {@code logs=60,events=20,metrics=15,alerts=5}.
     *
     * @param text comma-separated {@code kind=weight} pairs
     * @return the mix
     * @throws IllegalArgumentException naming the part at fault
     */
    public static RecordMix parse(final String text) {
        final Map<RecordKind, Integer> weights = new EnumMap<>(RecordKind.class);
        for (final String part : text.split(",", -1)) {
            final int equals = part.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not kind=weight");
            }
            final String name = part.substring(0, equals).strip();
            final RecordKind kind = RecordKind.fromName(name).orElseThrow(() -> new IllegalArgumentException(
                    "'" + name + "' is not a kind: use logs, events, metrics or alerts"));
            final int weight;
            try {
                weight = Integer.parseInt(part.substring(equals + 1).strip());
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("the weight of " + name + " is not a number", e);
            }
            if (weights.put(kind, weight) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
        }
        return new RecordMix(weights);
    }

    /**
     * The sum of the weights.
     *
     * @return a positive number
     */
    public int total() {
        int total = 0;
        for (final int weight : weights.values()) {
            total += weight;
        }
        return total;
    }

    /**
     * Picks the kind of the record at a position of the weight scale.
     *
     * @param position a number in {@code [0, total())}
     * @return the kind whose share covers the position
     */
    RecordKind pick(final int position) {
        int upper = 0;
        for (final Map.Entry<RecordKind, Integer> entry : weights.entrySet()) {
            upper += entry.getValue();
            if (position < upper) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("position " + position + " is not below the total " + total());
    }

    @Override
    public String toString() {
        final StringJoiner joiner = new StringJoiner(",");
        weights.forEach((kind, weight) -> joiner.add(kind.topicSuffix() + "=" + weight));
        return joiner.toString();
    }
}
