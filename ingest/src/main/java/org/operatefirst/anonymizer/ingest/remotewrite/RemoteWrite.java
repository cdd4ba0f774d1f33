package org.operatefirst.anonymizer.ingest.remotewrite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.operatefirst.anonymizer.ingest.receive.ErrorCodes;
import org.operatefirst.anonymizer.ingest.receive.Limits;
import org.operatefirst.anonymizer.ingest.receive.RawRecord;
import org.operatefirst.anonymizer.ingest.receive.Received;

/**
 * The receiver of Prometheus remote_write 1.0 requests: a snappy-compressed protobuf {@code WriteRequest}
 * becomes one record per series, whose value is the series' samples as exposition text lines
 * ({@link ExpositionText}) and whose key is the series identity {@code name{labels}}, so that one series stays
 * in order on one partition.
 *
 * <p>Refused with 400: bodies that are not snappy or not a WriteRequest, series without a valid metric name or
 * with invalid or repeated label names, series with native histograms (not supported: Prometheus sends them only
 * with {@code send_native_histograms: true}). Exemplars are dropped. A series with no samples makes no record.
 * Thread-safe.
 */
public final class RemoteWrite {

    private final Limits limits;
    private final WriteRequestDecoder decoder;

    /**
     * Creates the receiver.
     *
     * @param limits the bounds: {@link Limits#maxRecords()} bounds the series and, ten times over, the samples
     */
    public RemoteWrite(final Limits limits) {
        this.limits = limits;
        this.decoder = new WriteRequestDecoder(limits.maxRecords(),
                (int) Math.min(Integer.MAX_VALUE, 10L * limits.maxRecords()));
    }

    /**
     * Turns a compressed request body into records.
     *
     * @param body the body as sent, snappy block format
     * @return one record per series with samples, or a refusal
     */
    public Received receive(final byte[] body) {
        final byte[] protobuf;
        switch (SnappyBlock.decompress(body, limits.maxDecodedBytes())) {
            case SnappyBlock.Decompressed decompressed -> protobuf = decompressed.bytes();
            case SnappyBlock.Invalid invalid -> {
                return new Received.Refused(400, ErrorCodes.BAD_SNAPPY,
                        "the body is not snappy block format: " + invalid.detail());
            }
            case SnappyBlock.TooLarge tooLarge -> {
                return new Received.Refused(413, ErrorCodes.REQUEST_TOO_LARGE, "the body decompresses to "
                        + tooLarge.declared() + " bytes, more than " + limits.maxDecodedBytes());
            }
        }
        final WriteRequestDecoder.Decoded request;
        switch (decoder.decode(protobuf)) {
            case WriteRequestDecoder.Decoded decoded -> request = decoded;
            case WriteRequestDecoder.Invalid invalid -> {
                return new Received.Refused(400, ErrorCodes.BAD_PROTOBUF, invalid.detail());
            }
            case WriteRequestDecoder.TooMany tooMany -> {
                return new Received.Refused(413, ErrorCodes.TOO_MANY_RECORDS, tooMany.detail());
            }
        }
        final List<RawRecord> records = new ArrayList<>(request.series().size());
        int index = 0;
        for (final WriteRequestDecoder.Series series : request.series()) {
            index++;
            if (series.histograms() > 0) {
                return new Received.Refused(400, ErrorCodes.UNSUPPORTED_HISTOGRAMS, "time series " + index
                        + " holds native histograms, which this receiver does not accept: "
                        + "set send_native_histograms: false");
            }
            final String problem = ExpositionText.problem(series.labels());
            if (problem != null) {
                return new Received.Refused(400, ErrorCodes.BAD_SERIES, "time series " + index + ": " + problem);
            }
            if (series.timestamps().length == 0) {
                continue;
            }
            final byte[] value = ExpositionText.lines(series.labels(), series.timestamps(), series.values())
                    .getBytes(StandardCharsets.UTF_8);
            if (value.length > limits.maxRecordBytes()) {
                return new Received.Refused(400, ErrorCodes.RECORD_TOO_LARGE, "time series " + index + " has "
                        + value.length + " bytes as text, more than the record limit of " + limits.maxRecordBytes());
            }
            records.add(new RawRecord(ExpositionText.identity(series.labels()).getBytes(StandardCharsets.UTF_8),
                    value, RawRecord.EXPOSITION));
        }
        return new Received.Records(records);
    }
}
