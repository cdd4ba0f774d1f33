package org.operatefirst.anonymizer.publisher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionService;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration.TopicSetting;
import org.operatefirst.anonymizer.publisher.streams.PublisherStreams;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code anonymizer.topics.*}: retention per class of topic, bound the way the service binds it, validated at
 * start-up with the key named, and turned into the topic settings a missing topic is created with.
 */
class TopicsConfigurationTest {

    private static final Duration DAY = Duration.ofDays(1);

    @ParameterizedTest(name = "{0}={1} -> {2} ms")
    @CsvSource(delimiter = '|', textBlock = """
            raw-retention        | 3d          | 259200000
            raw-retention        | 72h         | 259200000
            raw-retention        | PT72H       | 259200000
            raw-retention        | 259200000ms | 259200000
            sanitized-retention  | 14d         | 1209600000
            public-retention     | 90d         | 7776000000
            quarantine-retention | 1h          | 3600000
            tombstone-retention  | 1ms         | 1
            """)
    void aDurationOfTheServicesSyntaxBecomesMilliseconds(final String key, final String value, final long millis) {
        final TopicsConfiguration topics = bind(Map.of("anonymizer.topics." + key, value));

        assertThat(retention(topics, key).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            raw-retention        | 0s
            raw-retention        | 0ms
            raw-retention        | -1ms
            sanitized-retention  | -1d
            public-retention     | -1s
            quarantine-retention | 0d
            tombstone-retention  | -5m
            """)
    void zeroAndNegativeRetentionAreRefusedWithTheKeyNamed(final String key, final String value) {
        assertThatThrownBy(() -> bind(Map.of("anonymizer.topics." + key, value)))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("anonymizer.topics." + key + " must be at least 1ms")
                .hasMessageContaining("no infinite retention");
    }

    /** Kafka's {@code -1} ("keep forever") has no spelling here, and a value that is no duration stops the start. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -1
            infinite
            forever
            3 days
            2w
            5D
            1y
            d
            """)
    void aValueThatIsNoDurationIsRefusedWithTheKeyNamed(final String value) {
        assertThatThrownBy(() -> bind(Map.of("anonymizer.topics.raw-retention", value)))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anonymizer.topics.raw-retention must be a duration such as 7d, 168h or PT168H, got '"
                        + value + "'");
    }

    @Test
    void anEmptyValueIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> bind(Map.of("anonymizer.topics.public-retention", "")))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anonymizer.topics.public-retention must be a duration such as 7d, got nothing");
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "must be at least 1ms"),
                Arguments.of(Duration.ofNanos(999_999), "must be at least 1ms"),
                Arguments.of(Duration.ofMillis(-1), "must be at least 1ms"),
                Arguments.of(Duration.ofSeconds(Long.MAX_VALUE), "is too long to be a number of milliseconds"),
                Arguments.of(null, "must be a duration such as 7d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void theConstructorNamesTheKeyOfAnUnusableRetention(final Duration retention, final String message) {
        assertThatThrownBy(() -> withRetention(DAY, DAY, DAY, retention, DAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("anonymizer.topics.quarantine-retention " + message);
        assertThat(withRetention(DAY, DAY, DAY, Duration.ofMillis(1), DAY).quarantineRetention())
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void theDefaultsAreThoseOfTheDeployedKafkaTopics() {
        final TopicsConfiguration topics = bind(Map.of());

        assertThat(topics.rawRetention()).isEqualTo(Duration.ofDays(3));
        assertThat(topics.sanitizedRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(topics.publicRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(topics.quarantineRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(topics.tombstoneRetention()).isEqualTo(Duration.ofDays(1));
    }

    /** One fact, two places: a key missing from a configuration file falls back to the record's default. */
    @Test
    void theRecordsDefaultsEqualApplicationYml() throws IOException, NoSuchMethodException {
        final Map<String, Object> yml;
        try (InputStream in = TopicsConfiguration.class.getResourceAsStream("/application.yml")) {
            final Map<String, Object> root = new Yaml().load(in);
            yml = section(section(root, "anonymizer"), "topics");
        }
        final RecordComponent[] components = TopicsConfiguration.class.getRecordComponents();
        final Parameter[] parameters = Arrays.stream(TopicsConfiguration.class.getDeclaredConstructors())
                .filter(constructor -> constructor.isAnnotationPresent(Creator.class)).findFirst().orElseThrow()
                .getParameters();
        assertThat(parameters).hasSameSizeAs(components);
        for (int i = 0; i < components.length; i++) {
            final String key = kebab(components[i].getName());
            final Bindable bindable = parameters[i].getAnnotation(Bindable.class);
            final Class<?> type = components[i].getType();

            assertThat(parameters[i].getName()).isEqualTo(components[i].getName());
            assertThat(bindable).as("@Bindable default of %s", key).isNotNull();
            assertThat(yml).as("application.yml anonymizer.topics").containsKey(key);
            assertThat(ConversionService.SHARED.convertRequired(String.valueOf(yml.get(key)), type))
                    .as("anonymizer.topics.%s in application.yml and in the record", key)
                    .isEqualTo(ConversionService.SHARED.convertRequired(bindable.defaultValue(), type));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            raw.logs          | cleanup.policy=delete retention.ms=259200000
            raw.alerts        | cleanup.policy=delete retention.ms=259200000
            sanitized.events  | cleanup.policy=delete retention.ms=604800000
            public.metrics    | cleanup.policy=delete retention.ms=2592000000
            quarantine        | cleanup.policy=delete retention.ms=604800000
            identities        | cleanup.policy=compact delete.retention.ms=86400000
            consent           | cleanup.policy=compact delete.retention.ms=86400000
            raw.logs.old      | ''
            public.           | ''
            quarantine.old    | ''
            bench-copy-raw.logs | ''
            """)
    void aTopicIsCreatedWithTheSettingsOfItsClass(final String topic, final String settings) {
        final TopicsConfiguration topics = bind(Map.of());

        assertThat(String.join(" ", topics.settingsOf(topic).stream()
                .map(s -> s.name() + "=" + s.value()).toList())).isEqualTo(settings);
    }

    @Test
    void eachSettingNamesTheKeyItComesFrom() {
        final TopicsConfiguration topics = bind(Map.of("anonymizer.topics.raw-prefix", "in.",
                "anonymizer.topics.identities", "people", "anonymizer.topics.raw-retention", "2d"));

        assertThat(topics.settingsOf("in.logs")).containsExactly(
                new TopicSetting("cleanup.policy", "delete", "anonymizer.topics.raw-prefix"),
                new TopicSetting("retention.ms", "172800000", "anonymizer.topics.raw-retention"));
        assertThat(topics.settingsOf("people")).containsExactly(
                new TopicSetting("cleanup.policy", "compact", "anonymizer.topics.identities"),
                new TopicSetting("delete.retention.ms", "86400000", "anonymizer.topics.tombstone-retention"));
        assertThat(topics.settingsOf("raw.logs")).isEmpty();
    }

    /** The record as the service binds it: bundled application.yml, then the given properties. */
    private static TopicsConfiguration bind(final Map<String, Object> properties) {
        final Map<String, Object> all = new HashMap<>(properties);
        all.put(PublisherStreams.ENABLED_PROPERTY, false);
        all.put("anonymizer.ingest.enabled", false);
        all.put("anonymizer.embedded-broker.mode", "never");
        all.put("kafka.bootstrap.servers", "localhost:9");
        all.put("micronaut.health.monitor.enabled", false);
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false)
                .banner(false).properties(all).start()) {
            return context.getBean(TopicsConfiguration.class);
        }
    }

    private static TopicsConfiguration withRetention(final Duration raw, final Duration sanitized,
            final Duration published, final Duration quarantine, final Duration tombstones) {
        return new TopicsConfiguration("raw.", "sanitized.", "public.", "quarantine", "identities", "consent", 3,
                (short) -1, raw, sanitized, published, quarantine, tombstones);
    }

    private static Duration retention(final TopicsConfiguration topics, final String key) {
        return switch (key) {
            case "raw-retention" -> topics.rawRetention();
            case "sanitized-retention" -> topics.sanitizedRetention();
            case "public-retention" -> topics.publicRetention();
            case "quarantine-retention" -> topics.quarantineRetention();
            case "tombstone-retention" -> topics.tombstoneRetention();
            default -> throw new IllegalArgumentException(key);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(final Map<String, Object> map, final String key) {
        return (Map<String, Object>) map.get(key);
    }

    private static String kebab(final String camel) {
        final StringBuilder out = new StringBuilder();
        for (final char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
