package org.operatefirst.anonymizer.publisher.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/** The Kafka client properties of a command that reads a cluster: a {@code --client-config} file and the bootstrap. */
final class ClientProperties {

    private ClientProperties() {
    }

    /**
     * Reads the file's properties (TLS, SASL, ...), if any, and sets the bootstrap servers over them.
     *
     * @param bootstrapServers the cluster
     * @param clientConfig     a Java properties file of Kafka client settings, or null
     * @return the client properties
     * @throws IOException if the file cannot be read
     */
    static Map<String, Object> of(final String bootstrapServers, final Path clientConfig) throws IOException {
        final Map<String, Object> properties = new HashMap<>();
        if (clientConfig != null) {
            final Properties loaded = new Properties();
            try (InputStream in = Files.newInputStream(clientConfig)) {
                loaded.load(in);
            }
            loaded.forEach((key, value) -> properties.put(key.toString(), value));
        }
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }
}
