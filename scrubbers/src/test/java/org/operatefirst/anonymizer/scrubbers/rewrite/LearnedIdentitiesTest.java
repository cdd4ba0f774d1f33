package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LearnedIdentitiesTest {

    private final AtomicLong now = new AtomicLong();
    private final LearnedIdentities memory = new LearnedIdentities(3, Duration.ofHours(1), now::get);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdoe logged out                  | jdoe",
        "session of JDOE closed           | jdoe",
        "(jdoe@10.1.2.3)                  | jdoe",
        "volume claim-jane-2edoe bound    | jane.doe",
        "home of jane.doe                 | jane.doe",
        "\"jdoe\",\"jane.doe\"             | jdoe,jane.doe",
    })
    void findsRememberedNamesAsWholeWordsInAnyCaseAndEscape(final String text, final String expected) {
        memory.remember(List.of("jdoe", "jane.doe"));

        assertThat(memory.occurringIn(text)).containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoex logged out", "xjdoe", "jdoe_1", "jdoé", "jane-doe", "u7k3q9x2m4abc@dabc.invalid"})
    void aNameInsideALongerWordIsNotFound(final String text) {
        memory.remember(List.of("jdoe", "jane.doe"));

        assertThat(memory.occurringIn(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "admin", "root", "jupyter", "system:admin", "1000680000", "invalid", "redacted",
        "jane@example.org", "----"})
    void shortNamesCommonWordsAndPlatformUsersAreNotRemembered(final String name) {
        memory.remember(List.of(name));

        assertThat(memory.size()).isZero();
        assertThat(memory.occurringIn("x " + name + " y")).isEmpty();
    }

    @Test
    void theLeastRecentlyLearnedNameIsDroppedFirst() {
        memory.remember(List.of("alice1", "brian2", "carol3"));
        memory.remember(List.of("alice1"));
        memory.remember(List.of("david4"));

        assertThat(memory.size()).isEqualTo(3);
        assertThat(memory.occurringIn("alice1 brian2 carol3 david4")).containsExactly("alice1", "carol3", "david4");
    }

    @Test
    void aNameNotLearnedAgainWithinItsTimeToLiveIsForgotten() {
        memory.remember(List.of("alice1"));
        now.addAndGet(Duration.ofMinutes(59).toNanos());
        assertThat(memory.occurringIn("alice1")).containsExactly("alice1");

        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(memory.occurringIn("alice1")).isEmpty();

        memory.remember(List.of("brian2"));
        assertThat(memory.size()).isEqualTo(1);
    }

    @Test
    void withoutATimeToLiveOnlyTheBoundForgets() {
        final LearnedIdentities ordered = new LearnedIdentities(2, Duration.ZERO, now::get);
        ordered.remember(List.of("alice1"));
        now.addAndGet(Duration.ofDays(365).toNanos());

        assertThat(ordered.occurringIn("alice1")).containsExactly("alice1");
    }

    @Test
    void aNameForgottenAndLearnedAgainAfterManyOthersIsFoundAgain() {
        for (int i = 0; i < 20; i++) {
            memory.remember(List.of("name" + i + "x"));
        }
        memory.remember(List.of("name0x"));

        assertThat(memory.occurringIn("name0x name1x name19x")).containsExactly("name0x", "name19x");
    }

    @Test
    void aMemoryOfNoNamesRemembersNothing() {
        final LearnedIdentities none = new LearnedIdentities(0, Duration.ofHours(1), now::get);
        none.remember(List.of("alice1"));

        assertThat(none.occurringIn("alice1")).isEmpty();
    }

    @Test
    void aListenerHearsOfANewNameOnceUntilHalfItsTimeToLiveHasPassed() {
        final List<String> heard = new java.util.ArrayList<>();
        memory.onLearned(heard::add);

        memory.remember(List.of("alice1", "bob"));
        memory.remember(List.of("alice1"));
        now.addAndGet(Duration.ofMinutes(31).toNanos());
        memory.remember(List.of("alice1"));

        assertThat(heard).containsExactly("alice1", "alice1");
    }

    @Test
    void aNameAnotherInstanceLearnedIsRememberedForWhatIsLeftOfItsTimeToLiveAndNotAnnouncedAgain() {
        final List<String> heard = new java.util.ArrayList<>();
        memory.onLearned(heard::add);

        memory.rememberShared("alice1", Duration.ofMinutes(50));
        memory.rememberShared("brian2", Duration.ofMinutes(70));
        assertThat(memory.occurringIn("alice1 brian2")).containsExactly("alice1");

        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(memory.occurringIn("alice1")).isEmpty();
        assertThat(heard).isEmpty();
    }
}
