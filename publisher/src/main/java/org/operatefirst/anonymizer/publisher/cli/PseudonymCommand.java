package org.operatefirst.anonymizer.publisher.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anonymizer pseudonym}: prints the pseudonym of one known value under a tier's key, in the forms it takes
 * in the data, so that an operator can find one user's records without re-identifying anyone else. Its identity
 * directory is the one the service builds: the file of {@code --identities} (or the policy's), plus, with
 * {@code --bootstrap-servers}, the people of the compacted {@code identities} topic, read whole as the service
 * reads it, so a person the service knows from the topic, or re-keyed there, gets the pseudonym in the data.
 */
@Command(name = "pseudonym", mixinStandardHelpOptions = true,
        description = {"Prints the pseudonym of a known email address, user name or IP address, as it appears in",
            "the given tier: plain, and for users also percent-encoded and as KubeSpawner writes it in pod names.",
            "With --identities, any identifier of a listed person prints that person's pseudonym.",
            "With --bootstrap-servers (default: $KAFKA_BOOTSTRAP_SERVERS), the people of the identities topic",
            "are added to that directory, as the running service adds them; without a cluster the topic is not",
            "read, and a person known from it only, or re-keyed there, gets another pseudonym than in the data."})
final class PseudonymCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "The Kafka cluster whose identities topic to read (default: $KAFKA_BOOTSTRAP_SERVERS; "
                    + "unset: the topic is not read).")
    private String bootstrapServers;

    @Option(names = "--identities-topic", paramLabel = "TOPIC", defaultValue = "identities",
            description = "The compacted identities topic (default: ${DEFAULT-VALUE}, as "
                    + "anonymizer.topics.identities).")
    private String identitiesTopic;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties, for example security.protocol and SSL or SASL settings.")
    private Path clientConfig;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "How long to wait for the cluster and the topic (ISO-8601, default ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ScrubberOptions options;

    @Parameters(paramLabel = "VALUE",
            description = "An email address, user name, display name (with --identities) or IP address.")
    private String value;

    @Override
    public Integer call() throws IOException {
        final MasterSecret secret = options.loadSecret(spec.commandLine());
        List<String> people = List.of();
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            final Map<String, Object> properties = ClientProperties.of(bootstrapServers, clientConfig);
            try {
                people = IdentitiesTopic.read(properties, identitiesTopic, timeout);
            } catch (final KafkaException | IllegalStateException e) {
                spec.commandLine().getErr().println("anonymizer pseudonym: cannot read the identities topic "
                        + identitiesTopic + " from " + bootstrapServers + ": " + e.getMessage());
                return 1;
            }
        }
        final Scrubber scrubber = options.scrubber(secret, people);
        final Pseudonymizer pseudonymizer = scrubber.pseudonymizer();
        final PrintWriter out = spec.commandLine().getOut();
        final String trimmed = value.strip();
        if (trimmed.indexOf('@') > 0) {
            final String email = pseudonymizer.email(trimmed).orElse(null);
            if (email == null) {
                return notAValue(trimmed);
            }
            out.println(email);
            out.println("percent-encoded:  " + email.replace("@", "%40"));
            out.println("in pod names:     " + KubeSpawnerEscape.escape(email));
            out.println("safe pod names:   " + KubeSpawnerSafeSlug.slug(email, KubeSpawnerSafeSlug.Form.NAME));
        } else if (pseudonymizer.ipv4(trimmed).isPresent()) {
            out.println(pseudonymizer.ipv4(trimmed).get());
        } else if (trimmed.indexOf(':') >= 0) {
            final String address = pseudonymizer.ipv6(trimmed).orElse(null);
            if (address == null) {
                return notAValue(trimmed);
            }
            out.println(address);
        } else if (!trimmed.isEmpty()) {
            final String username = pseudonymizer.username(trimmed);
            out.println(username);
            out.println("in pod names:     " + KubeSpawnerEscape.escape(username));
        } else {
            return notAValue(trimmed);
        }
        out.flush();
        return 0;
    }

    private int notAValue(final String text) {
        spec.commandLine().getErr().println("anonymizer pseudonym: '" + text
                + "' is not an email address, user name or IP address");
        return 1;
    }
}
