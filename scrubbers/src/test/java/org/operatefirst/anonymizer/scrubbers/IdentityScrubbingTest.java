package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug.slug;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug.Form;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;

/** One person, one pseudonym, in every representation: the scrubber with an identity directory, end to end. */
class IdentityScrubbingTest {

    private static final MasterSecret SECRET = MasterSecret.of(new byte[32]);

    private static final IdentityDirectory DIRECTORY = IdentityDirectory.parse(String.join("\n",
            "jdoe\tjdoe@example.org\tJane Doe",
            "has-hyphen",
            "rroe@example.com",
            "").getBytes(StandardCharsets.UTF_8), "people.tsv");

    private final Scrubber scrubber = Scrubber.create(SECRET, Tier.PUBLIC, 2026, ScrubPolicy.defaults(), DIRECTORY);
    private final Scrubber withoutDirectory = Scrubber.create(SECRET, Tier.PUBLIC, 2026);
    private final Pseudonymizer pseudonymizer = scrubber.pseudonymizer();

    private String scrub(final RecordKind kind, final String text) {
        final ScrubResult result = scrubber.scrub(kind, text);
        assertThat(result).as(text).isInstanceOf(ScrubResult.Scrubbed.class);
        return ((ScrubResult.Scrubbed) result).output();
    }

    @Test
    void everyIdentifierOfAPersonGetsThePersonsToken() {
        final String p = pseudonymizer.username("jdoe");
        final String email = pseudonymizer.email("jdoe@example.org").orElseThrow();

        assertThat(p).matches("u[a-z2-7]{12}");
        assertThat(email).startsWith(p + "@d").endsWith(".invalid");
        assertThat(pseudonymizer.username("Jane Doe")).isEqualTo(p);
        assertThat(pseudonymizer.username("JDOE")).isEqualTo(p);
        assertThat(pseudonymizer.email("JDoe%40Example.org")).contains(email.replace("@", "%40"));
        assertThat(pseudonymizer.escapedUsername("jdoe-40example-2eorg")).contains(KubeSpawnerEscape.escape(email));
        assertThat(pseudonymizer.safeSlugUsername("jdoe-example-org---183bf096")).isEqualTo(slug(email, Form.NAME));
        assertThat(pseudonymizer.safeSlugUsername("jdoe")).isEqualTo(p);
    }

    @Test
    void onePersonHasOnePseudonymInLogLines() {
        final String p = pseudonymizer.username("jdoe");
        final String email = pseudonymizer.email("jdoe@example.org").orElseThrow();

        final String output = scrub(RecordKind.LOGS, "user=jdoe email=jdoe@example.org"
                + " url=/user/jdoe%40example.org/lab name=\"Jane Doe\""
                + " escaped=jupyterhub-nb-jdoe-40example-2eorg safe=jupyter-jdoe-example-org---183bf096"
                + " plain=jupyter-jdoe claim=claim-jdoe--gpu hyphen=jupyter-has-hyphen");

        assertThat(output).isEqualTo("user=" + p + " email=" + email
                + " url=/user/" + email.replace("@", "%40") + "/lab name=\"" + p + "\""
                + " escaped=jupyterhub-nb-" + KubeSpawnerEscape.escape(email)
                + " safe=jupyter-" + slug(email, Form.NAME)
                + " plain=jupyter-" + p + " claim=claim-" + p + "--gpu"
                + " hyphen=jupyter-" + pseudonymizer.username("has-hyphen"));
        assertThat(output).doesNotContainIgnoringCase("jdoe").doesNotContain("example.org", "183bf096", "Jane",
                "has-hyphen");
    }

    @Test
    void aSharedDisplayNameHasAPseudonymOfItsOwnAndThePeopleKeepTheirs() {
        final IdentityDirectory homonyms = IdentityDirectory.parse(String.join("\n",
                "jdoe\tjdoe@example.org\tJane Doe",
                "Jane Doe\tjdoe2",
                "").getBytes(StandardCharsets.UTF_8), "people.tsv");
        final Pseudonymizer p = Scrubber.create(SECRET, Tier.PUBLIC, 2026, ScrubPolicy.defaults(), homonyms)
                .pseudonymizer();

        assertThat(p.username("jdoe")).isEqualTo(pseudonymizer.username("jdoe"));
        assertThat(p.username("jdoe@example.org")).isEqualTo(p.username("jdoe"));
        assertThat(p.username("jdoe2")).isEqualTo(withoutDirectory.pseudonymizer().username("jdoe2"));
        assertThat(p.username("Jane Doe")).matches("u[a-z2-7]{12}")
                .isNotEqualTo(p.username("jdoe"))
                .isNotEqualTo(p.username("jdoe2"))
                .isNotEqualTo(withoutDirectory.pseudonymizer().username("Jane Doe"));
        assertThat(p.username("JANE DOE")).isEqualTo(p.username("Jane Doe"));
    }

    @Test
    void aLabelGetsTheLabelSlugOfThePersonsPseudonym() {
        final String email = pseudonymizer.email("jdoe@example.org").orElseThrow();

        final String output = scrub(RecordKind.METRICS,
                "kube_pod_labels{label_hub_jupyter_org_username=\"jdoe-example-org---183bf096\",user=\"Jane Doe\"} 1");

        assertThat(slug(email, Form.LABEL)).isNotEqualTo(slug(email, Form.NAME));
        assertThat(output).isEqualTo("kube_pod_labels{label_hub_jupyter_org_username=\"" + slug(email, Form.LABEL)
                + "\",user=\"" + pseudonymizer.username("jdoe") + "\"} 1");
    }

    @Test
    void anEmailAloneOnItsLineKeepsThePseudonymItHasWithoutADirectory() {
        final String line = "login rroe@example.com from /user/rroe%40example.com/ and jupyter-rroe-40example-2ecom";
        assertThat(scrub(RecordKind.LOGS, line))
                .isEqualTo(((ScrubResult.Scrubbed) withoutDirectory.scrub(RecordKind.LOGS, line)).output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"200 GET /hub/spawn-pending/jdoe@example.org (jdoe@example.org@::ffff:198.51.100.1)",
        "pod jupyter-jdoe-40example-2eorg of claim-nobody", "kube:admin started jupyterhub-nb-x-2ey",
        "the jupyter-notebook-controller is ready"})
    void anEmptyDirectoryChangesNothing(final String line) {
        final Scrubber empty = Scrubber.create(SECRET, Tier.PUBLIC, 2026, ScrubPolicy.defaults(),
                IdentityDirectory.empty());
        assertThat(empty.scrub(RecordKind.LOGS, line)).isEqualTo(withoutDirectory.scrub(RecordKind.LOGS, line));
    }

    @Test
    void anUnknownSafeSlugIsKeyedOnItselfAndKeepsItsTemplate() {
        final String output = scrub(RecordKind.LOGS, "pod jupyter-user-email-com---0925f997 and"
                + " claim-nobody-example-org---1a2b3c4d--gpu");
        assertThat(output).isEqualTo("pod jupyter-" + pseudonymizer.username("user-email-com---0925f997")
                + " and claim-" + pseudonymizer.username("nobody-example-org---1a2b3c4d") + "--gpu");
    }

    @Test
    void anUnknownSafeSlugInAnOpenDataHubClaimKeepsTheSuffix() {
        final String output = scrub(RecordKind.LOGS, "jupyterhub-nb-nobody-example-org---1a2b3c4d-pvc");
        assertThat(output).isEqualTo("jupyterhub-nb-" + pseudonymizer.username("nobody-example-org---1a2b3c4d")
                + "-pvc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user=system:serviceaccount:opf-jupyterhub:jupyterhub-hub verb=get",
        "user=\"system:admin\" verb=get", "user=kube:admin", "{\"user\":\"system:node:worker-1\"}"})
    void keepsPlatformUsers(final String line) {
        assertThat(scrub(RecordKind.LOGS, line)).isEqualTo(line);
    }

    @Test
    void countsWhatWasFound() {
        final ScrubResult.Scrubbed result = (ScrubResult.Scrubbed) scrubber.scrub(RecordKind.LOGS,
                "Jane Doe (jdoe) opened jupyter-jdoe-example-org---183bf096");
        assertThat(result.findings().get(FindingType.PERSON_NAME)).isEqualTo(1);
        assertThat(result.findings().get(FindingType.USERNAME)).isEqualTo(1);
        assertThat(result.findings().get(FindingType.SAFE_SLUG)).isEqualTo(1);
    }
}
