package org.operatefirst.anonymizer.ingest.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.operatefirst.anonymizer.ingest.receive.ErrorCodes;

/**
 * Answers a body over {@code micronaut.server.max-request-size} (which the service sets to
 * {@code anonymizer.ingest.max-request-bytes}) with 413 and the receivers' JSON error body.
 */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
@Requires(property = "anonymizer.ingest.enabled", notEquals = "false")
final class RequestTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares the request parameter raw
    public HttpResponse<?> handle(final HttpRequest request, final ContentLengthExceededException exception) {
        return Answers.error(413, ErrorCodes.REQUEST_TOO_LARGE, "the body is larger than the server accepts");
    }
}
