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
import org.operatefirst.anonymizer.scrubbers.Tier;

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
        "publish: {consent-default: maybe}       | key 'publish.consent-default' must be 'opt-in' or 'opt-out'",
        "publish: {platform-namespace: [a]}      | unknown key 'publish.platform-namespace'",
        "publish: {platform-namespaces: ['a*b']} | key 'publish.platform-namespaces'",
        "publish: {public-kinds: [traces]}       | key 'publish.public-kinds': unknown kind 'traces'",
        "publish: {unattributed: maybe}          | key 'publish.unattributed'",
        "publish: [a]                            | key 'publish' must be a mapping",
        "publish: {record-keys: drop}            | key 'publish.record-keys' must map tiers",
        "publish: {record-keys: {open: drop}}    | key 'publish.record-keys': unknown tier 'open'",
        "publish: {record-keys: {public: hash}}  | key 'publish.record-keys.public' must be 'scrub' or 'drop'",
        "publish: {canaries: drop}               | key 'publish.canaries' must be 'publish' or 'withhold'",
        "identities: {path: a.tsv}               | unknown key 'identities.path'",
        "identities: {file: ''}                  | key 'identities.file' must be a path",
    })
    void rejectsAnInvalidFileNamingTheFileAndTheKey(final String yaml, final String message) throws IOException {
        final Path file = write(yaml);
        assertThatThrownBy(() -> PolicyFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message.strip());
    }

    @Test
    void readsThePublishSection() throws IOException {
        final DataPolicy policy = PolicyFile.loadDataPolicy(write("""
                version: "site-2"
                publish:
                  platform-namespaces: [opf-*]
                  unattributed: workload
                  consent-default: opt-in
                  public-kinds: [metrics]
                  record-keys: {public: drop, sanitized: scrub}
                  canaries: publish
                """));
        assertThat(policy.publish().publishCanaries()).isTrue();
        assertThat(PublicationPolicy.defaults().publishCanaries()).isFalse();
        assertThat(policy.publish().dropsKeys(Tier.PUBLIC)).isTrue();
        assertThat(policy.publish().dropsKeys(Tier.SANITIZED)).isFalse();
        assertThat(policy.version()).isEqualTo("site-2");
        assertThat(policy.publish().isPlatformNamespace("opf-jupyterhub")).isTrue();
        assertThat(policy.publish().isPlatformNamespace("openshift-etcd")).isFalse();
        assertThat(policy.publish().unattributedIsPlatform()).isFalse();
        assertThat(policy.publish().consentByDefault()).isTrue();
        assertThat(policy.publish().publicKinds()).containsExactly(org.operatefirst.anonymizer.scrubbers.RecordKind.METRICS);
        assertThat(PolicyFile.defaultDataPolicy().publish()).isEqualTo(PublicationPolicy.defaults());
        assertThat(policy.identitiesFile()).isEmpty();
        assertThat(PolicyFile.loadDataPolicy(write("identities: {file: people.tsv}")).identitiesFile())
                .contains(dir.resolve("people.tsv").toAbsolutePath());
        assertThat(PolicyFile.loadDataPolicy(write("identities: {file: /etc/people.tsv}")).identitiesFile())
                .contains(java.nio.file.Path.of("/etc/people.tsv"));
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
