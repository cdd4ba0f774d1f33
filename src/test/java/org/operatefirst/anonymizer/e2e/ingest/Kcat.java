package org.operatefirst.anonymizer.e2e.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.operatefirst.anonymizer.e2e.support.ExternalClient;

/**
 * Writes to and reads from topics with Debian's {@code kcat} (librdkafka), as collectors and operators do outside
 * the JVM. Every run is bounded by a timeout; its output goes to files, so a full pipe never blocks it.
 */
final class Kcat {

    /** How long one run of kcat may take; it exits at the end of the topic ({@code -e}) long before. */
    private static final long RUN_SECONDS = 60;

    /**
     * One message as {@code kcat -J} prints it.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param offset    the offset
     * @param key       the key, {@code null} if it had none
     * @param payload   the value, {@code null} for a tombstone
     * @param headers   the headers, in their order
     */
    record Message(String topic, int partition, long offset, String key, String payload,
            Map<String, String> headers) {
    }

    private final Path kcat = ExternalClient.require("kcat", "apt-get install -y kcat");
    private final ObjectMapper json = new ObjectMapper();
    private final String bootstrapServers;
    private final Path work;

    Kcat(final String bootstrapServers, final Path work) {
        this.bootstrapServers = bootstrapServers;
        this.work = work;
    }

    /**
     * Produces each record as one message, byte for byte (kcat sends each file named on its command line as one
     * message), with no key, and waits for the broker's acknowledgements ({@code acks=all}).
     *
     * @param topic   the topic, which must exist
     * @param records the message values
     */
    void produce(final String topic, final List<String> records) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(kcat.toString(), "-P", "-b", bootstrapServers,
                "-t", topic, "-m", "10", "-X", "acks=all", "-X", "enable.idempotence=true"));
        for (final String record : records) {
            final Path file = Files.createTempFile(work, "message", ".bin");
            Files.writeString(file, record, StandardCharsets.UTF_8);
            command.add(file.toString());
        }
        run(command);
    }

    /**
     * Reads a topic from the beginning to its current end, committed messages only, as {@code kcat -C -e}.
     *
     * @param topic the topic
     * @return its messages, by partition and offset
     */
    List<Message> consume(final String topic) throws IOException, InterruptedException {
        final String output = run(List.of(kcat.toString(), "-C", "-b", bootstrapServers, "-t", topic,
                "-o", "beginning", "-e", "-q", "-J", "-m", "10", "-X", "isolation.level=read_committed"));
        final List<Message> messages = new ArrayList<>();
        for (final String line : output.split("\n")) {
            if (!line.isBlank()) {
                messages.add(message(json.readTree(line)));
            }
        }
        return messages;
    }

    private static Message message(final JsonNode node) {
        final Map<String, String> headers = new LinkedHashMap<>();
        final JsonNode list = node.path("headers");
        // kcat 1.7 prints headers as a flat array of names and values.
        if (list.isArray()) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                headers.put(list.get(i).asText(), list.get(i + 1).isNull() ? null : list.get(i + 1).asText());
            }
        } else {
            list.fields().forEachRemaining(field -> headers.put(field.getKey(), field.getValue().asText()));
        }
        return new Message(node.path("topic").asText(), node.path("partition").asInt(),
                node.path("offset").asLong(), textOrNull(node.get("key")), textOrNull(node.get("payload")),
                headers);
    }

    private static String textOrNull(final JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private String run(final List<String> command) throws IOException, InterruptedException {
        final Path out = Files.createTempFile(work, "kcat", ".out");
        final Path err = Files.createTempFile(work, "kcat", ".err");
        final Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("kcat did not finish within " + RUN_SECONDS + " s: " + command + "\n"
                    + Files.readString(err));
        }
        final String errors = Files.readString(err, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || errors.contains("ERROR")) {
            throw new IllegalStateException("kcat exited with " + process.exitValue() + ": " + command + "\n"
                    + errors);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
