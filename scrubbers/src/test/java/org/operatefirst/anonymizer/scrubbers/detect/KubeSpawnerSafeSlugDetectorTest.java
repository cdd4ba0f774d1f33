package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubeSpawnerSafeSlugDetectorTest {

    private final KubeSpawnerSafeSlugDetector detector = new KubeSpawnerSafeSlugDetector(NameTemplate.defaults());

    static Stream<Arguments> slugs() {
        return Stream.of(
                arguments("documentation example", "jupyter-«user-email-com---0925f997»"),
                arguments("odh claim", "jupyterhub-nb-«jdoe-example-org---183bf096»-pvc"),
                arguments("claim", "claim-«jdoe-example-org---183bf096»"),
                arguments("event name", "jupyter-«jane-doe---01332c87».167c23baee4d0e1c"),
                arguments("metric label", "kube_pod_info{pod=\"jupyter-«x---2ec847d8»\"} 1"),
                arguments("encoded path", "%2Fpods%2Fjupyter-«user-email-com---0925f997»%2Flog"),
                arguments("hashed user, named server", "jupyter-«user-email-com---0925f997»--gpu"),
                arguments("plain user, named server with a hyphen", "jupyter-«jdoe»--my-server"),
                arguments("plain user, plain named server", "jupyter-«jdoe»--gpu"),
                arguments("server name hashed: maybe multi_slug, all of it", "jupyter-«jdoe--my-server---1a2b3c4d»"),
                arguments("hashed user, hashed server", "claim-«user-email-com---0925f997--gpu---1a2b3c4d»"),
                arguments("longest readable part", "jupyter-«jane-roe-with-a-very-long-name-univer---83960ca8»"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slugs")
    void findsSlugsWithExactSpans(final String name, final String marked) {
        assertThat(MarkedText.detect(detector, marked)).as(marked)
                .containsExactlyElementsOf(MarkedText.expected(marked, FindingType.SAFE_SLUG));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jupyter-jdoe",
        "jupyter-has-hyphen",
        "jupyter-notebook-controller",
        "jupyter-web-app-7d9f8c6b5d-xk2lp",
        "jupyterhub-db-1-x2b9k",
        "jupyter-jdoe-40example-2eorg",
        "jupyter-user---0925f99",
        "jupyter-user---0925f9977",
        "jupyter-user---0925F997",
        "jupyter----0925f997",
        "jupyter-user----0925f997",
        "my-jupyter-user---0925f997x",
        "claim-user---0925f997-pvc",
        "jupyter-jdoe--",
        "jupyter-jdoe--My-server",
        "jupyter-jdoe--my--server",
        "jupyter-user---0925f997--",
        "user---0925f997",
        "Jupyter-user---0925f997z"})
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }
}
