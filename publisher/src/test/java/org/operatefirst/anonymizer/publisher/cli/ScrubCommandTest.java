package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.publisher.policy.PolicyFile;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import picocli.CommandLine;

class ScrubCommandTest {

    @TempDir
    Path dir;

    private Path secretFile;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeSecret() throws IOException {
        secretFile = dir.resolve("secret.key");
        final byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 7 + 1);
        }
        Files.write(secretFile, secret);
    }

    private int scrub(final byte[] input, final String... args) {
        final CommandLine commandLine = new CommandLine(new ScrubCommand()
                .withStreams(new ByteArrayInputStream(input), out));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesOneRecordPerRecordInOrderAsTheServiceWould() throws IOException {
        final String input = "first jdoe@example.org\nsecond 192.0.2.1\n\nfourth\r\n";
        final int status = scrub(input.getBytes(StandardCharsets.UTF_8), "--kind", "logs", "--secret-file",
                secretFile.toString(), "--tier", "public", "--epoch", "2030");

        assertThat(status).isZero();
        final Scrubber service = Scrubber.create(MasterSecret.load(secretFile), Tier.PUBLIC, 2030,
                PolicyFile.defaults());
        assertThat(output()).isEqualTo(String.join("\n",
                scrubbed(service, "first jdoe@example.org"), scrubbed(service, "second 192.0.2.1"), "", "fourth")
                + "\n");
        assertThat(output()).doesNotContain("jdoe", "192.0.2.1");
    }

    @Test
    void givesEveryIdentifierOfAListedPersonThePersonsPseudonym() throws IOException {
        final Path identities = dir.resolve("people.tsv");
        Files.writeString(identities, "# login, email, name\njdoe\tjdoe@example.org\tJane Doe\n");
        final String input = "Jane Doe opened /user/jdoe/lab\nuser=jdoe@example.org pod=jupyter-jdoe-example-org---183bf096\n";

        assertThat(scrub(input.getBytes(StandardCharsets.UTF_8), "--kind", "logs", "--secret-file",
                secretFile.toString(), "--identities", identities.toString())).isZero();

        final Scrubber service = Scrubber.create(MasterSecret.load(secretFile), Tier.PUBLIC, 2026,
                PolicyFile.defaults(), IdentityDirectory.load(identities));
        final String p = service.pseudonymizer().username("jdoe");
        final String email = service.pseudonymizer().email("jdoe@example.org").orElseThrow();
        assertThat(output()).isEqualTo(p + " opened /user/" + p + "/lab\nuser=" + email + " pod=jupyter-"
                + KubeSpawnerSafeSlug.slug(email, KubeSpawnerSafeSlug.Form.NAME) + "\n");
        assertThat(email).startsWith(p + "@");
    }

    @Test
    void readsTheIdentityDirectoryThePolicyNames() throws IOException {
        Files.writeString(dir.resolve("people.tsv"), "jdoe\tjdoe@example.org\tJane Doe\n");
        final Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "version: site-1\nidentities:\n  file: people.tsv\n");

        assertThat(scrub("Jane Doe left\n".getBytes(StandardCharsets.UTF_8), "--kind", "logs", "--secret-file",
                secretFile.toString(), "--policy", policy.toString())).isZero();

        final String p = Scrubber.create(MasterSecret.load(secretFile), Tier.PUBLIC, 2026, PolicyFile.defaults(),
                IdentityDirectory.load(dir.resolve("people.tsv"))).pseudonymizer().username("jdoe");
        assertThat(output()).isEqualTo(p + " left\n");
    }

    @Test
    void theSanitizedTierUsesItsOwnKey() {
        scrub("jdoe@example.org\n".getBytes(StandardCharsets.UTF_8), "--kind", "logs", "--secret-file",
                secretFile.toString(), "--tier", "sanitized");
        final String sanitized = output();
        out.reset();
        scrub("jdoe@example.org\n".getBytes(StandardCharsets.UTF_8), "--kind", "logs", "--secret-file",
                secretFile.toString(), "--tier", "public");
        assertThat(sanitized).isNotEqualTo(output()).endsWith(".invalid\n");
    }

    @Test
    void reportsARecordItCannotScrubWithItsLineNumberAndFailsAtTheEnd() {
        final byte[] input = "one\n\u00ff two\nthree\n".getBytes(StandardCharsets.ISO_8859_1);
        final int status = scrub(input, "--kind", "logs", "--secret-file", secretFile.toString());

        assertThat(status).isEqualTo(1);
        assertThat(output()).isEqualTo("one\nthree\n");
        assertThat(err.toString()).contains("line 2 not scrubbed: not-utf8").contains("1 of 3 records");
    }

    @Test
    void refusesToRunWithoutAKeyUnlessAnEphemeralKeyIsAskedFor() {
        assertThat(scrub(new byte[0], "--kind", "logs")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing --secret-file");

        assertThat(scrub("jdoe@example.org\n".getBytes(StandardCharsets.UTF_8), "--kind", "logs",
                "--ephemeral-key")).isZero();
        assertThat(err.toString()).contains("random key");
        assertThat(output()).doesNotContain("jdoe");
    }

    @Test
    void rejectsAnUnknownKindOrTier() {
        assertThat(scrub(new byte[0], "--kind", "traces", "--ephemeral-key")).isEqualTo(2);
        assertThat(scrub(new byte[0], "--kind", "logs", "--tier", "internal", "--ephemeral-key")).isEqualTo(2);
        assertThat(err.toString()).contains("'traces' is not a kind").contains("'internal' is not a tier");
    }

    private static String scrubbed(final Scrubber scrubber, final String line) {
        return ((ScrubResult.Scrubbed) scrubber.scrub(RecordKind.LOGS, line)).output();
    }
}
