package org.operatefirst.anonymizer.ingest.receive;

/** The {@code error} codes of refused requests: one place for them, since collectors' operators grep for them. */
public final class ErrorCodes {

    /** The body is not JSON, or not the JSON the endpoint expects. */
    public static final String BAD_JSON = "bad_json";
    /** The body is not valid gzip. */
    public static final String BAD_GZIP = "bad_gzip";
    /** The body is not valid snappy block format. */
    public static final String BAD_SNAPPY = "bad_snappy";
    /** The body is not a valid protobuf WriteRequest. */
    public static final String BAD_PROTOBUF = "bad_protobuf";
    /** A series is not one the receiver can write as exposition text. */
    public static final String BAD_SERIES = "bad_series";
    /** Text is not valid UTF-8. */
    public static final String NOT_UTF8 = "not_utf8";
    /** The body holds nothing to produce. */
    public static final String EMPTY = "empty";
    /** One line, document or series is larger than a record may be. */
    public static final String RECORD_TOO_LARGE = "record_too_large";
    /** The body, compressed or not, is larger than allowed. */
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    /** The body would make more records than allowed. */
    public static final String TOO_MANY_RECORDS = "too_many_records";
    /** The JSON is valid but not an Alertmanager webhook payload. */
    public static final String NOT_ALERTMANAGER = "not_alertmanager_webhook";
    /** The JSON is valid but not a Kubernetes Event. */
    public static final String NOT_EVENT = "not_kubernetes_event";
    /** The request's content type is not one the endpoint reads. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** The request's content encoding is not one the endpoint reads. */
    public static final String UNSUPPORTED_ENCODING = "unsupported_encoding";
    /** The request carries native histograms, which are not supported. */
    public static final String UNSUPPORTED_HISTOGRAMS = "unsupported_native_histograms";
    /** The request has no valid bearer token. */
    public static final String UNAUTHORIZED = "unauthorized";
    /** The broker did not acknowledge in time, or is down. */
    public static final String UNAVAILABLE = "broker_unavailable";
    /** The producer's buffer is full. */
    public static final String OVERLOADED = "overloaded";

    private ErrorCodes() {
    }
}
