package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The data policy the manifests deploy is the service's bundled default: kustomize cannot read files outside
 * {@code deploy/base}, so the base keeps a copy, and this keeps the copy honest.
 */
class PolicyCopyTest {

    static final java.util.List<String> OVERLAYS = Manifests.OVERLAYS;

    private static final Path BUNDLED = Manifests.deployDirectory()
            .resolveSibling("publisher/src/main/resources/policy/default-policy.yaml");
    private static final Path COPY = Manifests.deployDirectory().resolve("base/policy/policy.yaml");

    @Test
    void theCopyIsTheBundledDefaultByteForByte() throws IOException {
        assertThat(Files.readAllBytes(COPY))
                .as("deploy/base/policy/policy.yaml differs from the bundled default: cp %s %s", BUNDLED, COPY)
                .isEqualTo(Files.readAllBytes(BUNDLED));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theOverlaysDeployTheCopyUnderTheNameTheServiceReads(final String overlay) throws IOException {
        final Manifests manifests = Manifests.render(overlay);
        final String policyFile = ServiceConfig.of(manifests).require("anonymizer.policy-file");
        final String key = policyFile.substring(policyFile.lastIndexOf('/') + 1);

        assertThat(manifests.all(ConfigMap.class)).filteredOn(map -> map.getData().containsKey(key))
                .singleElement()
                .satisfies(map -> assertThat(map.getData().get(key))
                        .isEqualTo(Files.readString(BUNDLED, StandardCharsets.UTF_8)));
    }
}
