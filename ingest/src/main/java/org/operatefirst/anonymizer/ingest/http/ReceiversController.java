package org.operatefirst.anonymizer.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Locale;
import java.util.function.Function;
import org.operatefirst.anonymizer.ingest.decode.RawDecoders;
import org.operatefirst.anonymizer.ingest.receive.AlertmanagerWebhook;
import org.operatefirst.anonymizer.ingest.receive.ContentEncoding;
import org.operatefirst.anonymizer.ingest.receive.ErrorCodes;
import org.operatefirst.anonymizer.ingest.receive.KubernetesEvents;
import org.operatefirst.anonymizer.ingest.receive.Limits;
import org.operatefirst.anonymizer.ingest.receive.LogLines;
import org.operatefirst.anonymizer.ingest.receive.Received;
import org.operatefirst.anonymizer.ingest.remotewrite.RemoteWrite;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * The HTTP receivers: each turns a collector's request into raw records, produces them and answers once the
 * broker has acknowledged them all.
 *
 * <ul>
 *   <li>{@code POST /api/v1/write}: Prometheus remote_write 1.0 ({@code application/x-protobuf},
 *       {@code Content-Encoding: snappy}) to the raw metrics topic, answered 204;</li>
 *   <li>{@code POST /api/v1/alerts}: Alertmanager webhook payloads to the raw alerts topic;</li>
 *   <li>{@code POST /api/v1/logs}: text or NDJSON log lines to the raw logs topic;</li>
 *   <li>{@code POST /api/v1/events}: Kubernetes Events to the raw events topic.</li>
 * </ul>
 * The last three answer 200 {@code {"records":N}} and accept {@code Content-Encoding: gzip}. Refusals are JSON,
 * {@code {"error":"...","detail":"..."}}: 400 (malformed), 401 (no valid token), 413 (too large), 415 (content
 * type or encoding), 422 {@code {"error":"would_be_quarantined","reason":"...","detail":"..."}} (the publisher's
 * decoder of the raw topic, {@code anonymizer.decoders.<kind>}, would quarantine a record of the request: nothing
 * of it is produced), 429 and 503 with {@code Retry-After} (the broker did not acknowledge: retry).
 */
@Controller("/api/v1")
@Requires(property = "anonymizer.ingest.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReceiversController {

    private final ReceiverAccess access;
    private final RawTopicProducer producer;
    private final IngestConfiguration configuration;
    private final Limits limits;
    private final AlertmanagerWebhook alerts;
    private final LogLines logs;
    private final KubernetesEvents events;
    private final RemoteWrite remoteWrite;
    private final RawDecoders decoders;

    /**
     * Creates the receivers.
     *
     * @param decoders the publisher's decoders of the raw topics; null where no publisher runs in the process,
     *                 and then records are produced unchecked
     */
    ReceiversController(final ReceiverAccess access, final RawTopicProducer producer,
            final IngestConfiguration configuration, @Nullable final RawDecoders decoders) {
        this.access = access;
        this.decoders = decoders;
        this.producer = producer;
        this.configuration = configuration;
        this.limits = configuration.limits();
        this.alerts = new AlertmanagerWebhook(limits);
        this.logs = new LogLines(limits);
        this.events = new KubernetesEvents(limits);
        this.remoteWrite = new RemoteWrite(limits);
    }

    // @Nullable lets an empty body reach the receivers, which answer it in their own error format; the compiler's
    // "@Nullable on primitive types" warning reads it as applying to byte, but Micronaut binds it to the array.
    @Post(uri = "/write", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> write(final HttpRequest<?> request, @Nullable @Body final byte[] body) {
        return receive(request, body, RecordKind.METRICS, true, (decoded) -> {
            final String type = mediaType(request);
            final String proto = parameter(request, "proto");
            if (!"application/x-protobuf".equals(type)
                    || proto != null && !"prometheus.WriteRequest".equals(proto)) {
                return new Received.Refused(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "only Prometheus "
                        + "remote_write 1.0 is accepted: Content-Type application/x-protobuf (prometheus.WriteRequest)");
            }
            final String encoding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
            if (encoding == null || !"snappy".equals(encoding.trim().toLowerCase(Locale.ROOT))) {
                return new Received.Refused(415, ErrorCodes.UNSUPPORTED_ENCODING,
                        "remote_write bodies must have Content-Encoding: snappy");
            }
            return remoteWrite.receive(decoded);
        });
    }

    @Post(uri = "/alerts", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> alerts(final HttpRequest<?> request, @Nullable @Body final byte[] body) {
        return receive(request, body, RecordKind.ALERTS, false, decoded -> {
            if (!isJson(mediaType(request))) {
                return unsupported(request, "application/json");
            }
            return alerts.receive(decoded);
        });
    }

    @Post(uri = "/logs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> logs(final HttpRequest<?> request, @Nullable @Body final byte[] body,
            @Nullable @QueryValue final String stream) {
        return receive(request, body, RecordKind.LOGS, false,
                decoded -> logs.receive(decoded, mediaType(request), stream));
    }

    @Post(uri = "/events", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> events(final HttpRequest<?> request, @Nullable @Body final byte[] body) {
        return receive(request, body, RecordKind.EVENTS, false, decoded -> {
            if (!isJson(mediaType(request))) {
                return unsupported(request, "application/json or application/x-ndjson");
            }
            return events.receive(decoded);
        });
    }

    private HttpResponse<String> receive(final HttpRequest<?> request, final byte[] body, final RecordKind kind,
            final boolean raw, final Function<byte[], Received> receiver) {
        final String collector = access.admit(request.getHeaders().get(HttpHeaders.AUTHORIZATION),
                request.getRemoteAddress());
        if (collector == null) {
            return Answers.unauthorized();
        }
        final byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > configuration.maxRequestBytes()) {
            return Answers.error(413, ErrorCodes.REQUEST_TOO_LARGE,
                    "the body is larger than " + configuration.maxRequestBytes() + " bytes");
        }
        final byte[] decoded;
        if (raw) {
            decoded = bytes;
        } else {
            switch (ContentEncoding.decodeGzipOrIdentity(bytes,
                    request.getHeaders().get(HttpHeaders.CONTENT_ENCODING), limits)) {
                case ContentEncoding.Decoded ok -> decoded = ok.bytes();
                case ContentEncoding.Rejected rejected -> {
                    final Received.Refused refused = rejected.refusal();
                    return Answers.error(refused.status(), refused.error(), refused.detail());
                }
            }
        }
        switch (receiver.apply(decoded)) {
            case Received.Refused refused -> {
                return Answers.error(refused.status(), refused.error(), refused.detail());
            }
            case Received.Records records -> {
                if (records.records().isEmpty()) {
                    return raw ? HttpResponse.noContent() : Answers.accepted(0);
                }
                if (decoders != null) {
                    final QuarantineCheck.Rejection rejection = QuarantineCheck.firstRejected(decoders.of(kind),
                            records.records());
                    if (rejection != null) {
                        return Answers.wouldBeQuarantined(rejection.reason(), rejection.detail());
                    }
                }
                switch (producer.produce(kind, collector, records.records())) {
                    case RawTopicProducer.Acknowledged acknowledged -> {
                        return raw ? HttpResponse.noContent() : Answers.accepted(acknowledged.records());
                    }
                    case RawTopicProducer.NotAcknowledged failed -> {
                        return failed.status() == 413 ? Answers.error(413, failed.error(), failed.detail())
                                : Answers.retryLater(failed.status(), failed.error(), failed.detail(),
                                        configuration.retryAfter());
                    }
                }
            }
        }
    }

    private static Received.Refused unsupported(final HttpRequest<?> request, final String expected) {
        return new Received.Refused(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
                + mediaType(request) + "' is not supported here: use " + expected);
    }

    private static boolean isJson(final String mediaType) {
        return switch (mediaType) {
            case "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines" -> true;
            default -> false;
        };
    }

    /** The media type without parameters, lower case; {@code text/plain} if absent. */
    private static String mediaType(final HttpRequest<?> request) {
        final String header = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            return "text/plain";
        }
        final int semicolon = header.indexOf(';');
        final String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        final StringBuilder printable = new StringBuilder();
        for (int i = 0; i < type.length() && printable.length() < 80; i++) {
            final char c = type.charAt(i);
            printable.append(c > 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return printable.toString();
    }

    /** A parameter of the Content-Type header, or null. */
    private static String parameter(final HttpRequest<?> request, final String name) {
        final String header = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (header == null) {
            return null;
        }
        for (final String part : header.split(";")) {
            final int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase(name)) {
                return part.substring(equals + 1).trim();
            }
        }
        return null;
    }
}
