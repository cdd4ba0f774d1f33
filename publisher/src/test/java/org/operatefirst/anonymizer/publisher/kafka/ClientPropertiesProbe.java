package org.operatefirst.anonymizer.publisher.kafka;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the Kafka client properties a service in this JVM would use, one {@code client key=value} per line after
 * {@link #MARK}, from the bundled configuration and the real environment of the process: the other half of
 * {@link KafkaClientPropertiesTest}, run in a child JVM with real environment variables.
 */
final class ClientPropertiesProbe {

    /** What each line of the probe's output starts with, so that log lines are told apart. */
    static final String MARK = "kafka-client ";

    private ClientPropertiesProbe() {
    }

    /**
     * Prints the properties of the common clients, the publisher's Kafka Streams application and the ingest
     * producer.
     *
     * @param args the bootstrap servers of the cluster to assume
     */
    public static void main(final String[] args) {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            final Environment environment = context.getEnvironment();
            environment.start();
            final KafkaClientProperties properties = new KafkaClientProperties(environment,
                    new KafkaCluster.External(args[0]));
            print("common", properties.common());
            print("streams:publisher", properties.streams("publisher"));
            print("producer:ingest", properties.producer("ingest"));
        }
    }

    private static void print(final String client, final Map<String, Object> properties) {
        new TreeMap<>(properties).forEach((key, value) -> System.out.println(MARK + client + " " + key + "=" + value));
    }
}
