package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameTemplateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jupyterhub-nb-{username}          | jupyterhub-nb- | ''  | ''",
        "jupyterhub-nb-{username}-pvc      | jupyterhub-nb- | ''  | -pvc",
        "jupyter-{username}                | jupyter-       | ''  | ''",
        "jupyter-{username}--{servername}  | jupyter-       | --  | ''",
        "claim-{username}                  | claim-         | ''  | ''",
        "claim-{username}--{servername}    | claim-         | --  | ''",
        "nb{username}                      | nb             | ''  | ''",
        "hub-{username}-xyz-{servername}-0 | hub-           | -xyz- | -0",
        "user-{username}-data              | user-          | ''  | -data",
    })
    void parsesPrefixSeparatorAndSuffix(final String text, final String prefix, final String separator,
                                        final String suffix) {
        final NameTemplate template = NameTemplate.parse(text);
        assertThat(template.prefix()).isEqualTo(prefix);
        assertThat(template.separator()).isEqualTo(separator);
        assertThat(template.suffix()).isEqualTo(suffix);
        assertThat(template.hasServername()).isEqualTo(!separator.isEmpty());
        assertThat(template.literalLength()).isEqualTo(prefix.length() + separator.length() + suffix.length());
        assertThat(template).hasToString(text).isEqualTo(NameTemplate.parse(text));
        assertThat(template.hashCode()).isEqualTo(NameTemplate.parse(text).hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                   | it has no {username}",
        "jupyter-                             | it has no {username}",
        "jupyter-{user}                       | it has no {username}",
        "jupyter-{username}-{username}        | more than one {username}",
        "jupyter-{servername}--{username}     | {servername} must come after {username}",
        "j-{username}--{servername}--{servername} | more than one {servername}",
        "{username}                           | must start with a letter or digit",
        "-x-{username}                        | must start with a letter or digit",
        "Jupyter-{username}                   | the prefix may hold only a-z, 0-9 and '-', not 'J'",
        "jupyter_{username}                   | the prefix may hold only a-z, 0-9 and '-', not '_'",
        "jupyter-{username}.x                 | the suffix may hold only a-z, 0-9 and '-', not '.'",
        "jupyter-{userid}-{username}          | unknown placeholder in the prefix",
        "jupyter-{username}-{unescaped_servername} | unknown placeholder in the suffix",
        "jupyter-{username}{servername}       | the separator between {username} and {servername} must start",
        "jupyter-{username}-{servername}      | the separator between {username} and {servername} must start",
        "jupyter-{username}-a{servername}     | the separator between {username} and {servername} must start",
        "jupyter-{username}x-{servername}     | the separator between {username} and {servername} must start",
    })
    void rejectsBadTemplatesNamingThem(final String text, final String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> NameTemplate.parse(text))
                .withMessageContaining("\"" + text + "\"")
                .withMessageContaining(reason);
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> NameTemplate.parse(null));
        assertThatNullPointerException().isThrownBy(() -> NameTemplate.parseAll(null));
    }

    @Test
    void parsesAListAndNamesTheBadOne() {
        assertThat(NameTemplate.parseAll(List.of("claim-{username}", "jupyter-{username}")))
                .extracting(NameTemplate::toString).containsExactly("claim-{username}", "jupyter-{username}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NameTemplate.parseAll(List.of("claim-{username}", "claim-{user}")))
                .withMessageContaining("\"claim-{user}\"");
    }

    @Test
    void defaultsCoverKubeSpawnerOpenDataHubAndJupyterHubOAuthClients() {
        assertThat(NameTemplate.defaults()).extracting(NameTemplate::toString).containsExactly(
                "jupyterhub-nb-{username}",
                "jupyterhub-nb-{username}-pvc",
                "jupyter-{username}",
                "jupyter-{username}--{servername}",
                "claim-{username}",
                "claim-{username}--{servername}",
                "jupyterhub-user-{username}");
    }
}
