package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class AnonymizerCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        final CommandLine commandLine = AnonymizerCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty("anonymizer.startup-timeout");
        System.clearProperty("anonymizer.keys.secret");
        System.clearProperty("micronaut.server.port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "serve --bogus", "demo --timeout", "--no-such-option"})
    void anUnknownCommandOrOptionPrintsUsageAndExitsWith2(final String args) {
        assertThat(run(args.split(" "))).isEqualTo(2);
        assertThat(err.toString()).contains("Usage:");
    }

    @Test
    void noCommandPrintsUsageAndExitsWith2() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command").contains("serve").contains("demo");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve").contains("demo");
    }

    @Test
    @Timeout(60)
    void anUnreachableClusterFailsWithAClearMessageInBoundedTime() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        System.setProperty("anonymizer.startup-timeout", "3s");
        System.setProperty("anonymizer.keys.secret", Base64.getEncoder().encodeToString(new byte[32]));
        System.setProperty("micronaut.server.port", "-1");

        final long start = System.nanoTime();
        final int status = run("serve", "--bootstrap-servers", "localhost:" + closedPort);

        assertThat(status).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(err.toString()).contains("localhost:" + closedPort).contains("did not answer within")
                .doesNotContain("\tat ");
    }
}
