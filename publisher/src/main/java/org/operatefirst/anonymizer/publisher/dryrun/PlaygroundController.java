package org.operatefirst.anonymizer.publisher.dryrun;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /}: the playground, one static page (plain HTML and JavaScript, no build step) where a policy author
 * pastes a record, picks its kind and tier, and sees input and output side by side with every change highlighted
 * and typed. It calls the dry run ({@code POST /api/v1/scrub}) and is served only where the dry run is.
 */
@Controller
@Requires(property = DryRunController.ENABLED_PROPERTY, notEquals = "false")
final class PlaygroundController {

    /** The page, a classpath resource. */
    static final String PAGE = "/playground/index.html";

    private final byte[] page;

    PlaygroundController() {
        try (InputStream in = PlaygroundController.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("the playground page " + PAGE + " is missing from the application");
            }
            page = in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves the page.
     *
     * @return the page, UTF-8 HTML
     */
    @Get(produces = MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> page() {
        return HttpResponse.ok(new String(page, StandardCharsets.UTF_8))
                // The page loads nothing from elsewhere and is never framed.
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self' 'unsafe-inline'; "
                        + "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff");
    }
}
