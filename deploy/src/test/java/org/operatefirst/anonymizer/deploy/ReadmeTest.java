package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The instructions in deploy/README.md agree with the manifests. */
class ReadmeTest {

    private static final String MARKER = "<!-- researcher-user -->\n```yaml\n";

    @Test
    void theResearchersOwnUserGrantsExactlyWhatTheResearcherRoleGrants() throws IOException {
        final String readme = Files.readString(Manifests.deployDirectory().resolve("README.md"),
                StandardCharsets.UTF_8);
        final int start = readme.indexOf(MARKER);
        assertThat(start).as("README.md has the researcher's KafkaUser after %s", MARKER.strip()).isNotNegative();
        final String yaml = readme.substring(start + MARKER.length(), readme.indexOf("```", start + MARKER.length()));

        final KafkaUser person = Manifests.parse("README.md", yaml).only(KafkaUser.class);
        final KafkaUser role = Manifests.render("base").find(KafkaUser.class, "researcher").orElseThrow();

        assertThat(person.getMetadata().getName()).startsWith("researcher-");
        assertThat(person.getMetadata().getLabels())
                .containsEntry(Acls.ROLE_LABEL, "researcher")
                .containsEntry("strimzi.io/cluster", role.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertThat(person.getSpec()).isEqualTo(role.getSpec());
    }
}
