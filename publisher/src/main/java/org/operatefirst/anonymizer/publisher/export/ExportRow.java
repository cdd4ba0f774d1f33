package org.operatefirst.anonymizer.publisher.export;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an exported table, filled by column name: text, numbers, instants and text maps. A column left
 * unset is written as a null.
 */
final class ExportRow {

    private final Map<String, Object> values = new LinkedHashMap<>();

    ExportRow put(final String column, final Object value) {
        if (value != null) {
            values.put(column, value);
        }
        return this;
    }

    /** Sets a column only if it has no value yet: the first source of a field wins. */
    ExportRow putIfAbsent(final String column, final Object value) {
        if (value != null) {
            values.putIfAbsent(column, value);
        }
        return this;
    }

    Object get(final String column) {
        return values.get(column);
    }

    /** The row's time, which decides its day partition. */
    Instant timestamp() {
        return (Instant) values.get(ExportSchema.TIMESTAMP);
    }

    Map<String, Object> values() {
        return values;
    }
}
