package org.operatefirst.anonymizer.scrubbers.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;

class IdentityDirectoryTest {

    private static final String FILE = String.join("\n",
            "# user name, email, display name",
            "jdoe\tjdoe@example.org\tJane Doe",
            "",
            "   # an indented comment",
            "rroe@example.com",
            "  mmajor \t Mary Major  ",
            "");

    private static IdentityDirectory parse(final String content) {
        return IdentityDirectory.parse(content.getBytes(StandardCharsets.UTF_8), "people.tsv");
    }

    @Test
    void oneLineIsOnePersonWhoseFirstIdentifierIsTheKey() {
        final IdentityDirectory directory = parse(FILE);

        assertThat(directory.people()).isEqualTo(3);
        assertThat(directory.identifiers()).isEqualTo(6);
        assertThat(directory.lookup("jdoe")).contains(new Identity("jdoe", "jdoe", IdentifierKind.USERNAME));
        assertThat(directory.lookup("jdoe@example.org"))
                .contains(new Identity("jdoe", "jdoe@example.org", IdentifierKind.EMAIL));
        assertThat(directory.lookup("Jane Doe"))
                .contains(new Identity("jdoe", "Jane Doe", IdentifierKind.DISPLAY_NAME));
        assertThat(directory.lookup("rroe@example.com")).map(Identity::personKey).contains("rroe@example.com");
        assertThat(directory.lookup("Mary Major")).map(Identity::personKey).contains("mmajor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDOE", "JDoe@Example.ORG", "jane doe", "JANE DOE", "MMajor"})
    void looksUpIgnoringCase(final String identifier) {
        assertThat(parse(FILE).lookup(identifier)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jdo", "jdoe ", " jdoe", "jdoe@example.com", "Jane", "Jane  Doe", "rroe"})
    void findsNobodyForNearMisses(final String identifier) {
        assertThat(parse(FILE).lookup(identifier)).isEmpty();
    }

    @Test
    void theKeyIsTheFirstIdentifierLowerCased() {
        assertThat(parse("JDoe@Example.org\tjdoe").lookup("jdoe")).map(Identity::personKey)
                .contains("jdoe@example.org");
    }

    @Test
    void loadsAFileWithCarriageReturnsAndAByteOrderMark(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("people.tsv");
        Files.writeString(file, "\uFEFFjdoe\tjdoe@example.org\r\nrroe\r\n", StandardCharsets.UTF_8);

        final IdentityDirectory directory = IdentityDirectory.load(file);

        assertThat(directory.people()).isEqualTo(2);
        assertThat(directory.lookup("jdoe@example.org")).map(Identity::personKey).contains("jdoe");
        assertThat(directory.lookup("rroe")).isPresent();
    }

    private static final String HOMONYMS = String.join("\n",
            "jdoe\tjdoe@example.org\tJane Doe",
            "jdoe2\tjane.doe@example.net\tjane doe",
            "Jane Doe\tjdoe3@example.org",
            "rroe\tRichard Roe",
            "");

    @Test
    void aDisplayNameSharedBySeveralPeopleIsAcceptedAndLinkedToNoneOfThem() {
        final IdentityDirectory directory = parse(HOMONYMS);

        assertThat(directory.people()).isEqualTo(4);
        assertThat(directory.homonyms()).isEqualTo(1);
        final Identity homonym = directory.lookup("JANE DOE").orElseThrow();
        assertThat(homonym.kind()).isEqualTo(IdentifierKind.DISPLAY_NAME);
        assertThat(homonym.personKey()).isEqualTo(IdentityDirectory.HOMONYM_KEY_PREFIX + "jane doe");
        assertThat(directory.lookup("jdoe")).map(Identity::personKey).contains("jdoe");
        assertThat(directory.lookup("jane.doe@example.net")).map(Identity::personKey).contains("jdoe2");
        // A line that starts with the shared name is keyed on its next identifier, so it joins nobody else.
        assertThat(directory.lookup("jdoe3@example.org")).map(Identity::personKey).contains("jdoe3@example.org");
        assertThat(directory.lookup("Richard Roe")).map(Identity::personKey).contains("rroe");
    }

    @Test
    void aHomonymIsReportedByItsLinesNotByTheName() {
        final List<String> warnings = parse(HOMONYMS).warnings();

        assertThat(warnings).containsExactly("people.tsv line 1, people.tsv line 2 (identifier 3), people.tsv"
                + " line 3 (identifier 1): a display name shared by 3 people; it gets a pseudonym of its own,"
                + " linked to none of them");
        assertThat(String.join("\n", warnings)).doesNotContainIgnoringCase("jane");
    }

    @Test
    void aHomonymIsStillFoundInText() {
        final List<org.operatefirst.anonymizer.scrubbers.detect.Finding> findings = new java.util.ArrayList<>();
        parse(HOMONYMS).detector().detect("by Jane Doe today", findings);

        assertThat(findings).extracting(f -> f.start() + "-" + f.end()).containsExactly("3-11");
    }

    @Test
    void homonymsFromEntriesAreAcceptedToo() {
        final IdentityDirectory directory = IdentityDirectory.of(List.of(List.of("jdoe", "Jane Doe"),
                List.of("jdoe2", "Jane Doe")));

        assertThat(directory.homonyms()).isEqualTo(1);
        assertThat(directory.warnings()).singleElement().asString().startsWith("entry 1, entry 2 (identifier 2)");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("jdoe\n\trroe\n", "people.tsv line 2: empty identifier"),
                arguments("jdoe\t\tJane Doe", "people.tsv line 1: empty identifier"),
                arguments("jdoe\t", "people.tsv line 1: empty identifier"),
                arguments("# c\njdoe\nrroe\njd@example.org\tJDOE", "people.tsv line 4: identifier 2 is already listed"
                        + " at people.tsv line 2; one identifier cannot be two people"),
                arguments("jdoe\tJane Doe\nJDoe\tJane Doe", "people.tsv line 2: identifier 1 is already listed"
                        + " at people.tsv line 1; one identifier cannot be two people"),
                arguments("jdoe\tjd@example.org\nrroe\tJD@example.ORG", "people.tsv line 2: identifier 2 is"
                        + " already listed at people.tsv line 1"),
                arguments("system:serviceaccount:ns:sa", "people.tsv line 1: 'system:serviceaccount:ns:sa' is a"
                        + " service account or platform user"),
                arguments("jdoe\nKube:Admin", "people.tsv line 2: 'Kube:Admin' is a service account"),
                arguments("x".repeat(257), "people.tsv line 1: an identifier is longer than 256 characters"),
                arguments("jd\u0000oe", "people.tsv line 1: an identifier holds a control character"),
                arguments("a\tb\t".repeat(2000) + "c", "people.tsv line 1: longer than 4096 characters"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void refusesBadEntriesNamingTheLine(final String content, final String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(content)).withMessageStartingWith(message);
    }

    @Test
    void refusesBytesThatAreNotUtf8NamingTheLine() {
        final byte[] content = {'j', 'd', 'o', 'e', '\n', 'r', (byte) 0xff, '\n'};
        assertThatIllegalArgumentException().isThrownBy(() -> IdentityDirectory.parse(content, "people.tsv"))
                .withMessage("people.tsv line 2: not UTF-8");
    }

    @Test
    void refusesAMissingFileNamingIt(@TempDir final Path dir) {
        final Path missing = dir.resolve("missing.tsv");
        assertThatIllegalArgumentException().isThrownBy(() -> IdentityDirectory.load(missing))
                .withMessageStartingWith("cannot read the identity directory " + missing);
    }

    @Test
    void anIdentifierRepeatedOnItsOwnLineCountsOnce() {
        final IdentityDirectory directory = parse("jdoe\tJDOE\tjdoe@example.org");
        assertThat(directory.identifiers()).isEqualTo(2);
        assertThat(directory.lookup("JDOE")).map(Identity::identifier).contains("jdoe");
    }

    @Test
    void acceptsButWarnsAboutIdentifiersNotSearchedInText() {
        final IdentityDirectory directory = parse("al\nadmin2\nal2@example.org\tAdmin\n1234");

        assertThat(directory.lookup("al")).isPresent();
        assertThat(directory.lookup("Admin")).isPresent();
        assertThat(directory.warnings()).containsExactly(
                "people.tsv line 1: identifier 1 is shorter than 3 characters: rewritten where a field or path"
                        + " says it is a user name, not searched for in text",
                "people.tsv line 3: identifier 2 is a common word or platform name: rewritten where a field or"
                        + " path says it is a user name, not searched for in text",
                "people.tsv line 4: identifier 1 is without a letter: rewritten where a field or path says it is"
                        + " a user name, not searched for in text");
    }

    @Test
    void knowsTheSafeSlugsOfEveryIdentifier() {
        final IdentityDirectory directory = parse("JDoe\tjdoe@example.org\nuser@email.com");

        assertThat(directory.lookupSlug("user-email-com---0925f997")).contains(new SlugMatch(
                new Identity("user@email.com", "user@email.com", IdentifierKind.EMAIL),
                KubeSpawnerSafeSlug.Form.NAME));
        assertThat(directory.lookupSlug("jdoe-example-org---183bf096")).map(m -> m.identity().identifier())
                .contains("jdoe@example.org");
        // JupyterHub lower-cases user names by default; the slug of the name as written is known too.
        assertThat(directory.lookupSlug("jdoe")).map(m -> m.identity().identifier()).contains("JDoe");
        assertThat(directory.lookupSlug("jdoe---72c499c9")).map(m -> m.identity().identifier()).contains("JDoe");
        assertThat(directory.lookupSlug("user-email-com---0925f998")).isEmpty();
    }

    @Test
    void theEmptyDirectoryKnowsNobodyAndDetectsNothing() {
        final IdentityDirectory empty = IdentityDirectory.empty();

        assertThat(empty.isEmpty()).isTrue();
        assertThat(parse("# only comments\n\n")).isSameAs(empty);
        assertThat(IdentityDirectory.of(List.of())).isSameAs(empty);
        assertThat(empty.lookup("jdoe")).isEmpty();
        assertThat(empty.lookupSlug("jdoe")).isEmpty();
        final List<org.operatefirst.anonymizer.scrubbers.detect.Finding> out = new java.util.ArrayList<>();
        empty.detector().detect("jdoe", out);
        assertThat(out).isEmpty();
    }

    @Test
    void buildsFromEntriesNamingTheBadOne() {
        assertThat(IdentityDirectory.of(List.of(List.of("jdoe", "jdoe@example.org"))).lookup("JDOE@example.org"))
                .map(Identity::personKey).contains("jdoe");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IdentityDirectory.of(List.of(List.of("jdoe"), List.of(" "))))
                .withMessageStartingWith("entry 2: empty identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe@example.org", "a.b+c@mail.example.org"})
    void classifiesEmails(final String identifier) {
        assertThat(IdentifierKind.of(identifier)).isEqualTo(IdentifierKind.EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe", "jdoe@localhost", "@example.org", "a@b@example.org", "jdoe@example.", "j.doe"})
    void classifiesUserNames(final String identifier) {
        assertThat(IdentifierKind.of(identifier)).isEqualTo(IdentifierKind.USERNAME);
    }
}
