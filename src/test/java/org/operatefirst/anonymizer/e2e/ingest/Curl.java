package org.operatefirst.anonymizer.e2e.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.operatefirst.anonymizer.e2e.support.ExternalClient;

/** Posts files with the real {@code curl}, as operators and simple collectors do. */
final class Curl {

    /**
     * What curl got back.
     *
     * @param status  the HTTP status
     * @param headers the response headers, names in lower case
     * @param body    the response body
     */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Path curl = ExternalClient.require("curl", "apt-get install -y curl");
    private final Path work;

    Curl(final Path work) {
        this.work = work;
    }

    Response post(final URI url, final byte[] body, final String... headers) throws IOException,
            InterruptedException {
        final Path input = Files.createTempFile(work, "body", ".bin");
        final Path output = Files.createTempFile(work, "response", ".txt");
        final Path dump = Files.createTempFile(work, "headers", ".txt");
        Files.write(input, body);
        final List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "-X", "POST",
                "--data-binary", "@" + input, "-o", output.toString(), "-D", dump.toString(),
                "-w", "%{http_code}"));
        for (final String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url.toString());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("curl failed: " + status);
        }
        final Map<String, String> responseHeaders = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(dump, StandardCharsets.ISO_8859_1)) {
            final int colon = line.indexOf(':');
            if (colon > 0) {
                responseHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return new Response(Integer.parseInt(status), responseHeaders,
                Files.readString(output, StandardCharsets.UTF_8));
    }
}
