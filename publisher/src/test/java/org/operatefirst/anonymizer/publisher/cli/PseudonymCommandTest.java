package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import picocli.CommandLine;

class PseudonymCommandTest {

    @TempDir
    Path dir;

    private Path secretFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeSecret() throws IOException {
        secretFile = dir.resolve("secret.key");
        Files.writeString(secretFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    }

    private int run(final String... args) {
        final CommandLine commandLine = new CommandLine(new PseudonymCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String scrubbed(final Tier tier, final String text) throws IOException {
        final ScrubResult result = Scrubber.create(MasterSecret.load(secretFile), tier,
                tier == Tier.PUBLIC ? 2026 : 0).scrub(RecordKind.LOGS, text);
        return ((ScrubResult.Scrubbed) result).output();
    }

    @Test
    void printsAnEmailsPseudonymInEveryFormItTakesInTheData() throws IOException {
        assertThat(run("--secret-file", secretFile.toString(), "--tier", "sanitized", "JDoe@example.org")).isZero();
        final String pseudonym = scrubbed(Tier.SANITIZED, "jdoe@example.org");
        assertThat(out.toString().lines()).containsExactly(
                pseudonym,
                "percent-encoded:  " + scrubbed(Tier.SANITIZED, "jdoe%40example.org"),
                "in pod names:     " + scrubbed(Tier.SANITIZED, "jupyterhub-nb-jdoe-40example-2eorg")
                        .substring("jupyterhub-nb-".length()),
                "safe pod names:   " + KubeSpawnerSafeSlug.slug(pseudonym, KubeSpawnerSafeSlug.Form.NAME));
    }

    @Test
    void printsAnAddressPseudonym() throws IOException {
        assertThat(run("--secret-file", secretFile.toString(), "192.0.2.1")).isZero();
        assertThat(out.toString()).isEqualTo(scrubbed(Tier.PUBLIC, "192.0.2.1") + System.lineSeparator());
    }

    @Test
    void printsAUsernamePseudonymAsItAppearsInPodNames() throws IOException {
        assertThat(run("--secret-file", secretFile.toString(), "jdoe")).isZero();
        assertThat(out.toString().lines()).last().isEqualTo("in pod names:     "
                + scrubbed(Tier.PUBLIC, "jupyter-jdoe").substring("jupyter-".length()));
    }

    @Test
    void printsTheSamePseudonymForEveryIdentifierOfAListedPerson() throws IOException {
        final Path identities = dir.resolve("people.tsv");
        Files.writeString(identities, "jdoe\tjdoe@example.org\tJane Doe\n");
        final String p = scrubbed(Tier.PUBLIC, "jupyter-jdoe").substring("jupyter-".length());

        assertThat(run("--secret-file", secretFile.toString(), "--identities", identities.toString(), "Jane Doe"))
                .isZero();
        assertThat(run("--secret-file", secretFile.toString(), "--identities", identities.toString(),
                "JDoe@example.org")).isZero();

        final List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(p);
        assertThat(lines.get(2)).startsWith(p + "@d").endsWith(".invalid");
        assertThat(lines.get(3)).isEqualTo("percent-encoded:  " + lines.get(2).replace("@", "%40"));
        assertThat(lines.get(5)).startsWith("safe pod names:   " + p + "-d").contains("-invalid---");
    }

    @Test
    void refusesABadIdentityDirectoryNamingTheLine() throws IOException {
        final Path identities = dir.resolve("people.tsv");
        Files.writeString(identities, "jdoe\n\trroe\n");

        final CommandLine commandLine = AnonymizerCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("pseudonym", "--secret-file", secretFile.toString(), "--identities",
                identities.toString(), "jdoe")).isEqualTo(1);
        assertThat(err.toString()).contains(identities + " line 2: empty identifier");
    }

    @Test
    void needsASecretFile() {
        assertThat(run("jdoe")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing --secret-file");
    }
}
