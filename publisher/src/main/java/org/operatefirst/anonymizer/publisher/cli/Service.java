package org.operatefirst.anonymizer.publisher.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.Optional;
import org.operatefirst.anonymizer.publisher.kafka.KafkaCluster;

/**
 * The running service: the Micronaut application context (which resolves the Kafka cluster, creates the topics
 * and starts the publisher topology) and its HTTP server. The same start-up path serves {@code serve},
 * {@code demo} and the end-to-end tests.
 */
public final class Service implements AutoCloseable {

    private final ApplicationContext context;

    private Service(final ApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the service.
     *
     * @param properties configuration that overrides {@code application.yml} and the environment
     * @return the running service
     * @throws RuntimeException if any part fails to start; everything started so far is stopped again
     */
    public static Service start(final Map<String, Object> properties) {
        final ApplicationContext context = ApplicationContext.builder()
                .mainClass(Service.class)
                .banner(false)
                .properties(properties)
                .build();
        try {
            context.start();
            context.findBean(EmbeddedApplication.class).ifPresent(application -> application.start());
            return new Service(context);
        } catch (final RuntimeException e) {
            if (context.isRunning()) {
                context.close();
            }
            throw e;
        }
    }

    /**
     * The application context, for callers that need a bean.
     *
     * @return the running context
     */
    public ApplicationContext context() {
        return context;
    }

    /**
     * The Kafka cluster the service uses.
     *
     * @return the resolved cluster
     */
    public KafkaCluster kafka() {
        return context.getBean(KafkaCluster.class);
    }

    /**
     * The HTTP server, if one runs.
     *
     * @return the server
     */
    public Optional<EmbeddedServer> httpServer() {
        return context.findBean(EmbeddedServer.class).filter(EmbeddedServer::isRunning);
    }

    /** Stops the HTTP server, the topology and, if it was started here, the embedded broker. */
    @Override
    public void close() {
        if (context.isRunning()) {
            context.close();
        }
    }
}
