package org.operatefirst.anonymizer.publisher.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;

class PolicyFileTest {

    @TempDir
    Path dir;

    @Test
    void theBundledDefaultIsTheLibraryDefault() {
        assertThat(PolicyFile.defaults()).isEqualTo(ScrubPolicy.defaults());
    }

    @Test
    void readsAPolicyFile() throws IOException {
        final Path file = write("""
                version: 7
                scrub:
                  kept-cidrs: ["172.30.0.0/16"]
                  kept-email-domains: [example.com]
                """);
        final ScrubPolicy policy = PolicyFile.load(file);
        assertThat(policy.version()).isEqualTo("7");
        assertThat(policy.keptRanges()).hasSize(1);
        assertThat(policy.keptEmailDomains()).containsExactly("example.com");
        assertThat(policy.nameTemplates()).isEqualTo(ScrubPolicy.defaults().nameTemplates());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scrub: {kept-cidrs: [bogus]}            | key 'scrub.kept-cidrs'",
        "scrub: {keptcidrs: []}                  | unknown key 'scrub.keptcidrs'",
        "scrubbing: {}                           | unknown key 'scrubbing'",
        "scrub: [a, b]                           | key 'scrub' must be a mapping",
        "- a list                                | must be a YAML mapping",
        "scrub: {kept-cidrs: [unclosed           | not valid YAML",
        "!!java.lang.Runtime {}                  | not valid YAML",
    })
    void rejectsAnInvalidFileNamingTheFileAndTheKey(final String yaml, final String message) throws IOException {
        final Path file = write(yaml);
        assertThatThrownBy(() -> PolicyFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message.strip());
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> PolicyFile.load(dir.resolve("nope.yaml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.yaml");
    }

    private Path write(final String yaml) throws IOException {
        final Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
