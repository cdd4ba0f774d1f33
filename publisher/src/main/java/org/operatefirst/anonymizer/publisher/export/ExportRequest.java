package org.operatefirst.anonymizer.publisher.export;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * What to export, validated once.
 *
 * @param out              the dataset directory, created if missing; exporting into it again resumes
 * @param clientProperties Kafka client properties (bootstrap servers, security); the export sets the consumer's
 *                         isolation level and deserializers itself
 * @param publicPrefix     prefix of the public topics, {@code public.} by default
 * @param kinds            the kinds to export
 * @param fromTime         first record time to export, or null for the beginning (first run only)
 * @param toTime           records from this time on are not exported, or null
 * @param fromOffset       first offset of every partition, or null (first run only)
 * @param toOffset         offsets from this one on are not exported, or null: until caught up
 * @param progress         where progress lines go, or null for none
 * @param progressInterval how often a progress line is written
 * @param stallTimeout     how long the export waits for a partition that stops short of its end
 */
public record ExportRequest(Path out, Map<String, Object> clientProperties, String publicPrefix, Set<RecordKind> kinds,
        Instant fromTime, Instant toTime, Long fromOffset, Long toOffset, PrintWriter progress,
        Duration progressInterval, Duration stallTimeout) {

    /** Validates the request. */
    public ExportRequest {
        Objects.requireNonNull(out, "out");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(publicPrefix, "publicPrefix");
        if (publicPrefix.isBlank()) {
            throw new IllegalArgumentException("the public topic prefix must not be blank");
        }
        kinds = kinds.isEmpty() ? EnumSet.allOf(RecordKind.class) : EnumSet.copyOf(kinds);
        if (fromTime != null && fromOffset != null) {
            throw new IllegalArgumentException("give a start time or a start offset, not both");
        }
        if (toTime != null && toOffset != null) {
            throw new IllegalArgumentException("give an end time or an end offset, not both");
        }
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new IllegalArgumentException("the start time " + fromTime + " is not before the end time " + toTime);
        }
        if (fromOffset != null && (fromOffset < 0 || toOffset != null && fromOffset >= toOffset)) {
            throw new IllegalArgumentException("the start offset must be >= 0 and below the end offset");
        }
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
    }
}
