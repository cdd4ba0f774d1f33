package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The collector snippets of both READMEs name what {@code deploy/} creates: every Kafka bootstrap address in a
 * fenced block is the example cluster's bootstrap Service on its TLS port (or the local embedded broker), and the
 * ClusterLogForwarder uses the {@code observability.openshift.io/v1} API with the Secret keys Strimzi writes.
 */
class ReadmeSnippetsTest {

    private static final Pattern BOOTSTRAP = Pattern.compile("([a-z0-9.-]+-kafka-bootstrap[a-z0-9.-]*):(\\d+)");
    private static final Pattern FENCE = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyBootstrapAddressInASnippetIsTheExampleClustersTlsListener() throws IOException {
        final Kafka kafka = Manifests.render("kafka").only(Kafka.class);
        final GenericKafkaListener tls = kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> l.getType() == KafkaListenerType.INTERNAL && l.isTls()).findFirst().orElseThrow();
        final String service = kafka.getMetadata().getName() + "-kafka-bootstrap";

        final List<String> addresses = new ArrayList<>();
        for (final Path readme : readmes()) {
            for (final String snippet : snippets(readme)) {
                final Matcher matcher = BOOTSTRAP.matcher(snippet);
                while (matcher.find()) {
                    addresses.add(matcher.group());
                    assertThat(matcher.group(1)).as("%s: %s", readme, matcher.group()).startsWith(service);
                    assertThat(Integer.parseInt(matcher.group(2))).as("%s: %s", readme, matcher.group())
                            .isEqualTo(tls.getPort());
                }
            }
        }
        assertThat(addresses).as("bootstrap addresses in the READMEs' snippets").isNotEmpty();
    }

    @Test
    void theClusterLogForwarderUsesLogging6AndStrimzisSecretKeys() throws IOException {
        final String readme = Files.readString(Manifests.deployDirectory().getParent().resolve("README.md"),
                StandardCharsets.UTF_8);
        final String forwarder = snippets(Manifests.deployDirectory().getParent().resolve("README.md")).stream()
                .filter(s -> s.contains("kind: ClusterLogForwarder")).findFirst().orElseThrow();
        final KafkaUser collector = Manifests.render("base").find(KafkaUser.class, "collector").orElseThrow();

        assertThat(readme).doesNotContain("logging.openshift.io/v1");
        assertThat(forwarder).contains("apiVersion: observability.openshift.io/v1")
                .contains("secretName: " + collector.getMetadata().getName())
                .contains("secretName: " + Manifests.render("kafka").only(Kafka.class).getMetadata().getName()
                        + "-cluster-ca-cert")
                // Strimzi's KafkaUser Secret (user.crt, user.key) and cluster CA Secret (ca.crt).
                .contains("key: user.crt", "key: user.key", "key: ca.crt")
                .doesNotContain("tls.crt", "tls.key", "ca-bundle.crt");
    }

    private static List<Path> readmes() {
        return List.of(Manifests.deployDirectory().resolve("README.md"),
                Manifests.deployDirectory().getParent().resolve("README.md"));
    }

    private static List<String> snippets(final Path readme) throws IOException {
        final Matcher matcher = FENCE.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        final List<String> snippets = new ArrayList<>();
        while (matcher.find()) {
            snippets.add(matcher.group(1));
        }
        return snippets;
    }
}
