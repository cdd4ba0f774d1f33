package org.operatefirst.anonymizer.publisher.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * One Parquet file of a kind's table, written with parquet-java through {@link LocalOutputFile} and a
 * {@link PlainParquetConfiguration}, so no Hadoop file system or configuration is ever created. Pages are
 * dictionary-encoded and not compressed: parquet-java's codecs instantiate Hadoop's configuration, which would
 * need Hadoop's dependencies at run time (ADR-0021).
 */
final class ParquetTable implements AutoCloseable {

    private static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;

    private final List<Column> columns;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;
    private long rows;

    ParquetTable(final RecordKind kind, final Path file) throws IOException {
        this.columns = ExportSchema.columns(kind);
        final MessageType schema = ExportSchema.parquet(kind);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = new Builder(new LocalOutputFile(file), schema)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(true)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build();
    }

    void write(final ExportRow row) throws IOException {
        final Group group = groups.newGroup();
        for (final Column column : columns) {
            final Object value = row.get(column.name());
            if (value == null) {
                continue;
            }
            switch (column.type()) {
                case STRING -> group.add(column.name(), (String) value);
                case INT32 -> group.add(column.name(), ((Number) value).intValue());
                case INT64 -> group.add(column.name(), ((Number) value).longValue());
                case DOUBLE -> group.add(column.name(), ((Number) value).doubleValue());
                case TIMESTAMP -> group.add(column.name(), ((Instant) value).toEpochMilli());
                case MAP -> {
                    final Group map = group.addGroup(column.name());
                    for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                        final Group pair = map.addGroup("key_value");
                        pair.add("key", String.valueOf(entry.getKey()));
                        if (entry.getValue() != null) {
                            pair.add("value", String.valueOf(entry.getValue()));
                        }
                    }
                }
            }
        }
        writer.write(group);
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Writes parquet-java's example groups under a fixed schema. */
    private static final class GroupWriteSupport extends WriteSupport<Group> {

        private final MessageType schema;
        private GroupWriter groupWriter;

        GroupWriteSupport(final MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(final ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of("writer", "anonymizer export"));
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(final org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, Map.of("writer", "anonymizer export"));
        }

        @Override
        public void prepareForWrite(final RecordConsumer recordConsumer) {
            groupWriter = new GroupWriter(recordConsumer, schema);
        }

        @Override
        public void write(final Group record) {
            groupWriter.write(record);
        }
    }

    /** A builder on an {@link OutputFile}, never a Hadoop path. */
    private static final class Builder extends ParquetWriter.Builder<Group, Builder> {

        private final MessageType schema;

        Builder(final OutputFile file, final MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Group> getWriteSupport(final ParquetConfiguration configuration) {
            return new GroupWriteSupport(schema);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Group> getWriteSupport(final org.apache.hadoop.conf.Configuration configuration) {
            return new GroupWriteSupport(schema);
        }
    }
}
