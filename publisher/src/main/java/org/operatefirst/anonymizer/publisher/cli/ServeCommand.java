package org.operatefirst.anonymizer.publisher.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anonymizer serve}: runs the service until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the service: HTTP (/health, /prometheus) and the publisher topology.",
            "With no KAFKA_BOOTSTRAP_SERVERS configured, starts an embedded single-node Kafka broker on "
                + "localhost:9092 with its data in ./data/."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka cluster to use (default: KAFKA_BOOTSTRAP_SERVERS; unset: embedded broker).")
    private String bootstrapServers;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default: 8080).")
    private Integer httpPort;

    @Option(names = "--broker-port", paramLabel = "PORT",
            description = "Port of the embedded broker (default: 9092).")
    private Integer brokerPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded broker and a generated key are kept (default: ./data).")
    private String dataDir;

    @Override
    public Integer call() throws InterruptedException {
        final Map<String, Object> properties = new HashMap<>();
        if (bootstrapServers != null) {
            properties.put("kafka.bootstrap.servers", bootstrapServers);
        }
        if (httpPort != null) {
            properties.put("micronaut.server.port", httpPort);
        }
        if (brokerPort != null) {
            properties.put("anonymizer.embedded-broker.port", brokerPort);
        }
        if (dataDir != null) {
            properties.put("anonymizer.data-dir", dataDir);
        }
        final Service service = Service.start(properties);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping");
            service.close();
            stopped.countDown();
        }, "anonymizer-shutdown"));
        // Without micronaut.server.host the server binds every interface; getURI() would say localhost.
        service.httpServer().ifPresent(server -> LOG.info("Serving HTTP on {} port {} (health: {}, metrics: {})",
                server.getApplicationContext().getProperty("micronaut.server.host", String.class)
                        .orElse("all interfaces"), server.getPort(),
                server.getURI().resolve("/health"), server.getURI().resolve("/prometheus")));
        stopped.await();
        return 0;
    }
}
