package org.operatefirst.anonymizer.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kafka client settings reach the clients from every place the README promises: the bundled
 * {@code application.yml}, the service's own properties and environment variables such as
 * {@code KAFKA_SECURITY_PROTOCOL=SSL}. Environment variables come from a property source that behaves like
 * Micronaut's own ({@link EnvironmentPropertySource}: same convention, same precedence), so the test does not
 * depend on the environment of the JVM that runs it; one test sets real variables for a child JVM.
 */
class KafkaClientPropertiesTest {

    private static final String CLUSTER = "anonymizer-kafka-bootstrap.example.org:9093";

    private ApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest(name = "{0}={1} -> {2}: {3}={4}")
    @CsvSource(delimiter = '|', textBlock = """
            KAFKA_SECURITY_PROTOCOL                    | SSL                    | common            | security.protocol       | SSL
            KAFKA_SECURITY_PROTOCOL                    | SSL                    | streams:publisher | security.protocol       | SSL
            KAFKA_SECURITY_PROTOCOL                    | SSL                    | producer:ingest   | security.protocol       | SSL
            KAFKA_SSL_TRUSTSTORE_LOCATION              | /etc/kafka/ca.p12      | common            | ssl.truststore.location | /etc/kafka/ca.p12
            KAFKA_SSL_TRUSTSTORE_TYPE                  | PKCS12                 | streams:publisher | ssl.truststore.type     | PKCS12
            KAFKA_STREAMS_PUBLISHER_CLIENT_ID          | anonymizer-0           | streams:publisher | client.id               | anonymizer-0
            KAFKA_STREAMS_PUBLISHER_APPLICATION_ID     | anonymizer-blue        | streams:publisher | application.id          | anonymizer-blue
            KAFKA_STREAMS_PUBLISHER_COMMIT_INTERVAL_MS | 1000                   | streams:publisher | commit.interval.ms      | 1000
            KAFKA_PRODUCERS_INGEST_LINGER_MS           | 5                      | producer:ingest   | linger.ms               | 5
            KAFKA_BOOTSTRAP_SERVERS                    | kafka.example.org:9092 | common            | bootstrap.servers       | anonymizer-kafka-bootstrap.example.org:9093
            """)
    void anEnvironmentVariableReachesTheClientsItNames(final String variable, final String value,
            final String client, final String key, final String expected) {
        final Map<String, Object> properties = client(client).apply(start(Map.of(variable, value), Map.of()));

        assertThat(properties).containsEntry(key, expected);
    }

    @Test
    void anEnvironmentVariableReachesOnlyTheClientsItNames() {
        final KafkaClientProperties properties = start(Map.of("KAFKA_STREAMS_PUBLISHER_CLIENT_ID", "anonymizer-0",
                "KAFKA_PRODUCERS_INGEST_LINGER_MS", "5"), Map.of());

        assertThat(properties.common()).doesNotContainKeys("client.id", "linger.ms");
        assertThat(properties.streams("publisher")).doesNotContainKey("linger.ms");
        assertThat(properties.producer("ingest")).doesNotContainKey("client.id");
    }

    @Test
    void onlyKafkasNamesOfAnEnvironmentVariableArePassedOn() {
        final KafkaClientProperties properties = start(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_STREAMS_PUBLISHER_CLIENT_ID", "anonymizer-0"), Map.of());

        // Micronaut also files the variables under security-protocol, streams-publisher.client.id, ...
        assertThat(properties.common().keySet()).allSatisfy(key -> assertThat(key).doesNotContain("-"));
        assertThat(properties.streams("publisher").keySet()).allSatisfy(key -> assertThat(key)
                .doesNotContain("-"));
    }

    @Test
    void theBundledDefaultsStayWhereNoVariableOverridesThem() {
        final Map<String, Object> streams = start(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL"), Map.of())
                .streams("publisher");

        assertThat(streams).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("application.id", "anonymizer-publisher")
                .containsEntry("bootstrap.servers", CLUSTER);
    }

    @Test
    void streamThreadsDefaultToTheProcessorsUnlessConfigured() {
        assertThat(start(Map.of(), Map.of()).streams("publisher"))
                .containsEntry("num.stream.threads", Runtime.getRuntime().availableProcessors());
        assertThat(start(Map.of("KAFKA_STREAMS_PUBLISHER_NUM_STREAM_THREADS", "3"), Map.of()).streams("publisher"))
                .containsEntry("num.stream.threads", "3");
    }

    @Test
    void theServicesOwnPropertiesWinOverEnvironmentVariables() {
        final Map<String, Object> common = start(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL"),
                Map.of("kafka.security.protocol", "SASL_SSL")).common();

        assertThat(common).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void withoutEnvironmentVariablesTheConfiguredKeysPassAsWritten() {
        final Map<String, Object> common = start(Map.of(), Map.of("kafka.ssl.endpoint.identification.algorithm", ""))
                .common();

        assertThat(common).containsEntry("ssl.endpoint.identification.algorithm", "")
                .containsEntry("bootstrap.servers", CLUSTER).doesNotContainKey("streams");
    }

    /** As deployed: a mounted configuration file ({@code MICRONAUT_CONFIG_FILES}) and variables on the pod. */
    @Test
    void realEnvironmentVariablesOfTheProcessReachTheClientsAndOverrideTheConfigFile(@TempDir final Path dir)
            throws IOException, InterruptedException {
        final Path file = Files.writeString(dir.resolve("anonymizer.yml"), """
                kafka:
                  security.protocol: PLAINTEXT
                  ssl.keystore.type: PKCS12
                """, StandardCharsets.UTF_8);
        final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ClientPropertiesProbe.class.getName(),
                CLUSTER).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("ANONYMIZER_"));
        builder.environment().putAll(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_STREAMS_PUBLISHER_CLIENT_ID", "anonymizer-0", "KAFKA_PRODUCERS_INGEST_LINGER_MS", "5",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka.example.org:9092", "MICRONAUT_CONFIG_FILES", file.toString()));
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe finished").isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.startsWith(ClientPropertiesProbe.MARK))
                .map(line -> line.substring(ClientPropertiesProbe.MARK.length())).toList())
                .as(output).contains(
                        "common security.protocol=SSL",
                        "common ssl.keystore.type=PKCS12",
                        "common bootstrap.servers=" + CLUSTER,
                        "streams:publisher security.protocol=SSL",
                        "streams:publisher client.id=anonymizer-0",
                        "streams:publisher processing.guarantee=exactly_once_v2",
                        "producer:ingest security.protocol=SSL",
                        "producer:ingest linger.ms=5")
                .doesNotContain("common client.id=anonymizer-0", "streams:publisher linger.ms=5")
                .allSatisfy(line -> assertThat(line.substring(0, line.indexOf('='))).doesNotContain("-"));
    }

    private KafkaClientProperties start(final Map<String, Object> variables, final Map<String, Object> properties) {
        // Only this test's variables: the real environment of the build stays out.
        context = ApplicationContext.builder().environmentPropertySource(false)
                .propertySources(new VariablesPropertySource(variables)).properties(properties).build();
        final Environment environment = context.getEnvironment();
        environment.start();
        return new KafkaClientProperties(environment, new KafkaCluster.External(CLUSTER));
    }

    private static Function<KafkaClientProperties, Map<String, Object>> client(final String client) {
        return switch (client) {
            case "common" -> KafkaClientProperties::common;
            case "streams:publisher" -> properties -> properties.streams("publisher");
            case "producer:ingest" -> properties -> properties.producer("ingest");
            default -> throw new IllegalArgumentException(client);
        };
    }

    /** Environment variables as Micronaut's {@link EnvironmentPropertySource} reads them from the process. */
    private static final class VariablesPropertySource extends MapPropertySource {

        VariablesPropertySource(final Map<String, Object> variables) {
            super(EnvironmentPropertySource.NAME, variables);
        }

        @Override
        public int getOrder() {
            return EnvironmentPropertySource.POSITION;
        }

        @Override
        public PropertySource.PropertyConvention getConvention() {
            return PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE;
        }
    }
}
