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

    @Test
    void writesTheSameBytesWithFourThreadsAsWithOne() throws IOException {
        final Path identities = dir.resolve("people.tsv");
        final StringBuilder people = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            people.append("user").append(i).append("\tuser").append(i).append("@example.org\tPerson Number ")
                    .append(i).append('\n');
        }
        Files.writeString(identities, people);
        final ByteArrayOutputStream input = new ByteArrayOutputStream();
        final String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
        for (int i = 0; i < 5000; i++) {
            final int user = i * 7919 % 1000;
            final String line = switch (i % 5) {
                case 0 -> "[I 2026-12-07 10:00:00.000 JupyterHub log:189] 200 GET /hub/spawn-pending/user" + user
                        + " (user" + user + "@::ffff:" + nets[i % 3] + (i % 254 + 1) + ") 13.28ms";
                case 1 -> "I1207 10:00:00.000000       1 kubelet.go:2453] pods=[\"opf-jupyterhub/jupyter-user" + user
                        + "\"] podIP=\"10.128." + i % 256 + "." + user % 254 + "\" via 2001:db8::" + i;
                case 2 -> "{\"kubernetes\":{\"pod_name\":\"jupyter-user" + user + "\",\"pod_ip\":\"" + nets[user % 3]
                        + (user % 254 + 1) + "\"},\"message\":\"Person Number " + user + " logged in\"}";
                case 3 -> i % 50 == 3 ? "x".repeat(400) : "";
                default -> i % 40 == 4 ? "bad \u00ff byte" : "GET /user/user" + user + "/lab from " + nets[i % 3]
                        + (i % 254 + 1) + ":" + (30000 + i);
            };
            input.write(line.getBytes(i % 40 == 4 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            input.write(i % 9 == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        }
        final String[] args = {"--kind", "logs", "--secret-file", secretFile.toString(), "--identities",
            identities.toString(), "--max-record-bytes", "300", "--batch-lines", "7"};

        assertThat(scrub(input.toByteArray(), append(args, "--threads", "1"))).isEqualTo(1);
        final byte[] one = out.toByteArray();
        final String errorsOfOne = err.toString();
        out.reset();
        err.getBuffer().setLength(0);
        assertThat(scrub(input.toByteArray(), append(args, "--threads", "4"))).isEqualTo(1);

        assertThat(out.toByteArray()).isEqualTo(one);
        assertThat(err.toString()).isEqualTo(errorsOfOne)
                .contains("line 4 not scrubbed: too-large", "line 5 not scrubbed: not-utf8",
                        "line 4965 not scrubbed: not-utf8", "225 of 5000 records not scrubbed");
        assertThat(new String(one, StandardCharsets.UTF_8))
                .doesNotContain("Person Number 17 logged", "jupyter-user17\"", "192.0.2.")
                .hasLineCount(5000 - 225);
    }

    @Test
    void aNameALineGivesAwayIsReplacedInLaterLinesWithTheSamePseudonymForAnyNumberOfThreads() throws IOException {
        final StringBuilder input = new StringBuilder("kroe1 before anyone named him\n");
        for (int i = 0; i < 400; i++) {
            input.append(i % 4 == 0 ? "GET /hub/api/users/kroe" + i + " 200" : "job of kroe" + (i / 4 * 4) + " done")
                    .append('\n');
        }
        final String[] args = {"--kind", "logs", "--secret-file", secretFile.toString(), "--batch-lines", "3"};

        assertThat(scrub(input.toString().getBytes(StandardCharsets.UTF_8), append(args, "--threads", "1")))
                .isZero();
        final byte[] one = out.toByteArray();
        out.reset();
        assertThat(scrub(input.toString().getBytes(StandardCharsets.UTF_8), append(args, "--threads", "4")))
                .isZero();

        assertThat(out.toByteArray()).isEqualTo(one);
        final String[] lines = new String(one, StandardCharsets.UTF_8).split("\n");
        final Scrubber service = Scrubber.create(MasterSecret.load(secretFile), Tier.PUBLIC, 2026);
        final String p = service.pseudonymizer().username("kroe8");
        assertThat(lines[0]).isEqualTo("kroe1 before anyone named him");
        assertThat(lines[9]).isEqualTo("GET /hub/api/users/" + p + " 200");
        assertThat(lines[10]).isEqualTo("job of " + p + " done");
        assertThat(new String(one, StandardCharsets.UTF_8).lines().skip(1)).noneMatch(line -> line.contains("kroe"));
    }

    @Test
    void aPolicyWithoutLearnedNamesKeepsEachLineToItself() throws IOException {
        final Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "scrub:\n  learned-names-capacity: 0\n");
        final String input = "GET /user/kroe42/lab\nbye kroe42\n";

        assertThat(scrub(input.getBytes(StandardCharsets.UTF_8), "--kind", "logs", "--secret-file",
                secretFile.toString(), "--policy", policy.toString())).isZero();

        assertThat(output()).endsWith("\nbye kroe42\n");
    }

    private static String[] append(final String[] args, final String... more) {
        final String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static String scrubbed(final Scrubber scrubber, final String line) {
        return ((ScrubResult.Scrubbed) scrubber.scrub(RecordKind.LOGS, line)).output();
    }
}
