package org.operatefirst.anonymizer.ingest.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;

/** The receivers' HTTP answers: JSON bodies {@code {"error":"...","detail":"..."}} or {@code {"records":N}}. */
final class Answers {

    private Answers() {
    }

    static MutableHttpResponse<String> accepted(final int records) {
        return HttpResponse.<String>ok("{\"records\":" + records + "}").contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static MutableHttpResponse<String> error(final int status, final String error, final String detail) {
        return HttpResponse.<String>status(HttpStatus.valueOf(status))
                .body("{\"error\":" + quote(error) + ",\"detail\":" + quote(detail) + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** 422: the publisher's decoder would quarantine a record; {@code reason} is its quarantine reason. */
    static MutableHttpResponse<String> wouldBeQuarantined(final String reason, final String detail) {
        return HttpResponse.<String>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body("{\"error\":" + quote(QuarantineCheck.WOULD_BE_QUARANTINED) + ",\"reason\":" + quote(reason)
                        + ",\"detail\":" + quote(detail) + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static MutableHttpResponse<String> retryLater(final int status, final String error, final String detail,
            final Duration retryAfter) {
        return error(status, error, detail).header(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    static MutableHttpResponse<String> unauthorized() {
        return error(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"anonymizer\"");
    }

    /** A JSON string literal. */
    static String quote(final String text) {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
