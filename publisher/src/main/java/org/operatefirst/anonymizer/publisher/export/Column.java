package org.operatefirst.anonymizer.publisher.export;

import java.util.Objects;

/**
 * One column of an exported table.
 *
 * @param name        the column name, lower snake case
 * @param type        its type
 * @param description what it holds, for {@code schema.json} and the datasheet
 */
record Column(String name, Type type, String description) {

    /** The column types the export writes, each with its Parquet and its DuckDB spelling. */
    enum Type {
        /** UTF-8 text: Parquet {@code binary (STRING)}, DuckDB {@code VARCHAR}. */
        STRING("binary (STRING)", "VARCHAR"),
        /** Parquet {@code int32}, DuckDB {@code INTEGER}. */
        INT32("int32", "INTEGER"),
        /** Parquet {@code int64}, DuckDB {@code BIGINT}. */
        INT64("int64", "BIGINT"),
        /** Parquet {@code double}, DuckDB {@code DOUBLE}. */
        DOUBLE("double", "DOUBLE"),
        /** Milliseconds since the epoch, UTC: Parquet {@code int64 (TIMESTAMP(MILLIS,true))}, DuckDB {@code TIMESTAMP WITH TIME ZONE}. */
        TIMESTAMP("int64 (TIMESTAMP(MILLIS,true))", "TIMESTAMP WITH TIME ZONE"),
        /** Text to text: a Parquet {@code MAP}, DuckDB {@code MAP(VARCHAR, VARCHAR)}. */
        MAP("group (MAP)", "MAP(VARCHAR, VARCHAR)");

        private final String parquet;
        private final String sql;

        Type(final String parquet, final String sql) {
            this.parquet = parquet;
            this.sql = sql;
        }

        String parquet() {
            return parquet;
        }

        String sql() {
            return sql;
        }
    }

    Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** The Parquet schema line of this column; every column is optional, so a missing field is a null. */
    String parquetField() {
        return switch (type) {
            case MAP -> "optional group " + name + " (MAP) { repeated group key_value { required binary key (STRING);"
                    + " optional binary value (STRING); } }";
            case STRING, INT32, INT64, DOUBLE, TIMESTAMP -> {
                final String physical = type.parquet();
                final int space = physical.indexOf(' ');
                yield space < 0 ? "optional " + physical + " " + name + ";"
                        : "optional " + physical.substring(0, space) + " " + name + physical.substring(space) + ";";
            }
        };
    }
}
