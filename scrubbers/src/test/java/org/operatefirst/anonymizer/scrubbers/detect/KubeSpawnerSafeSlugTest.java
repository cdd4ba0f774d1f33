package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubeSpawnerSafeSlugTest {

    /**
     * Expected slugs computed with KubeSpawner 7's {@code kubespawner.slugs.safe_slug}: {@code max_length=48} for
     * names, {@code is_valid=is_valid_label} for labels. The first row is the example of KubeSpawner's documentation.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "user@email.com       | user-email-com---0925f997  | user-email-com---0925f997",
        "jdoe                 | jdoe                       | jdoe",
        "has-hyphen           | has-hyphen                 | has-hyphen",
        "jdoe@example.org     | jdoe-example-org---183bf096 | jdoe-example-org---183bf096",
        "JDoe                 | jdoe---72c499c9            | JDoe",
        "Jane Doe             | jane-doe---01332c87        | jane-doe---01332c87",
        "a--b                 | a-b---90827a2e             | a-b---90827a2e",
        "1jdoe                | x-1jdoe---769cf28a         | 1jdoe",
        "jdoe.                | jdoe---0d6acecb            | jdoe---0d6acecb",
        "-jdoe-               | jdoe---26fda730            | jdoe---26fda730",
        "@@@                  | x---2ec847d8               | x---2ec847d8",
        "jürgen               | j-rgen---19b720a9          | j-rgen---19b720a9",
        "9                    | x-9---19581e27             | 9",
        "Jdoe_2               | jdoe-2---3521786f          | Jdoe_2",
        "o'brien              | o-brien---65b87174         | o-brien---65b87174",
        "jane.roe.with.a.very.long.name@university.example.org | jane-roe-with-a-very-long-name-univer---83960ca8"
            + " | jane-roe-with-a-very---83960ca8",
        "u7k3q9x2m4abc@dabcdefgh.invalid | u7k3q9x2m4abc-dabcdefgh-invalid---f18c453e"
            + " | u7k3q9x2m4abc-dabcdef---f18c453e",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx---42f2d973"
            + " | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void makesTheSlugsKubeSpawnerMakes(final String name, final String asName, final String asLabel) {
        assertThat(KubeSpawnerSafeSlug.slug(name, KubeSpawnerSafeSlug.Form.NAME)).isEqualTo(asName);
        assertThat(KubeSpawnerSafeSlug.slug(name, KubeSpawnerSafeSlug.Form.LABEL)).isEqualTo(asLabel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user-email-com---0925f997", "x---2ec847d8", "x-9---19581e27",
        "jane-roe-with-a-very-long-name-univer---83960ca8"})
    void recognisesHashedSlugs(final String slug) {
        assertThat(KubeSpawnerSafeSlug.isHashed(slug, 0, slug.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jdoe", "---0925f997", "user---0925f99", "user---0925f99g", "user---0925F997",
        "user--0925f997", "user----0925f997", "-user---0925f997", "user-email--com---0925f997",
        "Jdoe---0925f997", "jane-roe-with-a-very-long-name-univers---83960ca8"})
    void rejectsWhatTheSchemeNeverWrites(final String text) {
        assertThat(KubeSpawnerSafeSlug.isHashed(text, 0, text.length())).isFalse();
    }
}
