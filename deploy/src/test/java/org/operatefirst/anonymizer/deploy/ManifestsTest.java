package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kustomize directory renders, and everything it renders parses into a typed model, strictly. */
class ManifestsTest {

    static final java.util.List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/openshift", "overlays/kubernetes", "kafka"})
    void rendersIntoTypedModels(final String directory) {
        final Manifests manifests = Manifests.render(directory);

        assertThat(manifests.resources()).isNotEmpty();
        assertThat(manifests.resources()).allSatisfy(resource -> {
            assertThat(resource.getMetadata().getName()).isNotBlank();
            assertThat(resource.getMetadata().getNamespace())
                    .as("namespace of %s: set by `oc apply -n`, not in the manifests", resource.getMetadata()
                            .getName())
                    .isNull();
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyResourceOfAnOverlayIsLabelledAsPartOfTheAnonymizer(final String overlay) {
        for (final HasMetadata resource : Manifests.render(overlay).resources()) {
            assertThat(resource.getMetadata().getLabels())
                    .as("%s %s", resource.getKind(), resource.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/part-of", "anonymizer");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # what is wrong                 | YAML                                                                                       | message
            misspelt field in a pod          | apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: d}\\nspec: {template: {spec: {securityContext: {runAsNonroot: true}}}} | fields its model does not know: [spec.template.spec.securityContext.runAsNonroot]
            misspelt field in an ACL         | apiVersion: kafka.strimzi.io/v1\\nkind: KafkaUser\\nmetadata: {name: u}\\nspec: {authorization: {type: simple, acls: [{resource: {type: topic, name: t}, operatons: [Read]}]}} | fields its model does not know: [spec.authorization.acls[0].operatons]
            unknown kind                     | apiVersion: v1\\nkind: Secret\\nmetadata: {name: s}                                         | no model for v1/Secret (s)
            old Strimzi API version          | apiVersion: kafka.strimzi.io/v1beta2\\nkind: KafkaTopic\\nmetadata: {name: t}               | no model for kafka.strimzi.io/v1beta2/KafkaTopic (t)
            """)
    void rejectsWhatItCannotModel(final String what, final String yaml, final String message) {
        assertThatThrownBy(() -> Manifests.parse(what, yaml.replace("\\n", "\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: d}\\nspec: {template: {spec: {securityContext: {runAsNonRoot: true}}}}
            apiVersion: kafka.strimzi.io/v1\\nkind: KafkaUser\\nmetadata: {name: u}\\nspec: {authorization: {type: simple, acls: [{resource: {type: topic, name: t}, operations: [Read]}]}}
            """)
    void acceptsTheCorrectlySpeltNeighbours(final String yaml) {
        assertThat(Manifests.parse("test", yaml.replace("\\n", "\n")).resources()).hasSize(1);
    }
}
