package org.operatefirst.anonymizer.ingest.http;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who may send data (ADR-0012), once at start-up and then per request.
 *
 * <ul>
 *   <li>With tokens ({@code anonymizer.ingest.tokens-file}): every request needs
 *       {@code Authorization: Bearer <token>} of a configured collector.</li>
 *   <li>Without tokens, on the embedded development broker: requests from the loopback interface are accepted
 *       without a token, others are refused; a warning says so at start-up.</li>
 *   <li>Without tokens, on a configured cluster: the service does not start, unless
 *       {@code anonymizer.ingest.allow-anonymous=true}, which accepts every request (a warning says so).</li>
 * </ul>
 * Created with the application context, so a missing or malformed tokens file stops the start-up.
 */
@Context
@Requires(property = "anonymizer.ingest.enabled", notEquals = "false")
public final class ReceiverAccess {

    /** The collector name recorded for requests accepted without a token. */
    public static final String ANONYMOUS = "anonymous";

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverAccess.class);
    private static final String BEARER = "bearer ";

    private final CollectorTokens tokens;
    private final Mode mode;

    /** How requests are admitted. */
    enum Mode {
        /** A valid bearer token is required. */
        TOKENS,
        /** Requests from loopback addresses only, without a token. */
        LOOPBACK_ONLY,
        /** Every request, without a token. */
        ANYONE
    }

    @Inject
    ReceiverAccess(final IngestConfiguration configuration, final IngestKafka kafka) {
        this(configuration.tokensFile() == null ? CollectorTokens.none()
                : CollectorTokens.read(configuration.tokensFile()),
                configuration.allowAnonymous(), kafka.embeddedBroker());
    }

    /**
     * Decides the access mode.
     *
     * @param tokens         the configured tokens, possibly none
     * @param allowAnonymous {@code anonymizer.ingest.allow-anonymous}
     * @param embeddedBroker whether the service runs on the embedded broker
     * @throws ConfigurationException if there are no tokens on a real cluster and anonymous access is not allowed
     */
    ReceiverAccess(final CollectorTokens tokens, final boolean allowAnonymous, final boolean embeddedBroker) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        if (!tokens.isEmpty()) {
            mode = Mode.TOKENS;
            LOG.info("HTTP receivers accept {} collectors' bearer tokens", tokens.size());
        } else if (allowAnonymous) {
            mode = Mode.ANYONE;
            LOG.warn("HTTP receivers accept data from anyone without a token "
                    + "(anonymizer.ingest.allow-anonymous=true)");
        } else if (embeddedBroker) {
            mode = Mode.LOOPBACK_ONLY;
            LOG.warn("No collector tokens configured (anonymizer.ingest.tokens-file): on the embedded broker the "
                    + "HTTP receivers accept data without a token from this machine only");
        } else {
            throw new ConfigurationException("No collector tokens configured for the HTTP receivers: set "
                    + "anonymizer.ingest.tokens-file (ANONYMIZER_INGEST_TOKENS_FILE) to a file of "
                    + "'name<TAB>token' lines, or set anonymizer.ingest.enabled=false, or, to accept data from "
                    + "anyone, anonymizer.ingest.allow-anonymous=true");
        }
    }

    /** {@return how requests are admitted} */
    Mode mode() {
        return mode;
    }

    /**
     * Admits or refuses a request.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param remote        the client's address, or null if unknown
     * @return the collector's name, or null if the request is refused
     */
    public String admit(final String authorization, final InetSocketAddress remote) {
        return switch (mode) {
            case TOKENS -> {
                if (authorization == null || authorization.length() <= BEARER.length()
                        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
                    yield null;
                }
                yield tokens.collector(authorization.substring(BEARER.length()).strip()).orElse(null);
            }
            case LOOPBACK_ONLY -> remote != null && remote.getAddress() != null
                    && remote.getAddress().isLoopbackAddress() ? ANONYMOUS : null;
            case ANYONE -> ANONYMOUS;
        };
    }
}
