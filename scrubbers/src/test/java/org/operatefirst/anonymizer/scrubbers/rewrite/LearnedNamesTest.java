package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearnedNamesTest {

    @ParameterizedTest(name = "{0} in \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            jdoe2      | login jdoe2 ok                     | true
            jdoe2      | JDOE2                              | true
            jdoe2      | pod jupyter-jdoe2                  | true
            jdoe2      | (JDoe2)                            | true
            jdoe2      | xjdoe2 and jdoe23 and jdoe2_       | false
            jdoe2      | jdoe 2                             | false
            jdoe2      | 2jdoe2                             | false
            jdoe2      | jdoe22 then jdoe2                  | true
            jdoe       | by jdoe.                           | true
            jdoe       | jdoes                              | false
            j.doe      | path /home/j.doe/x                 | true
            j.doe      | pod jupyter-j-2edoe                | true
            jdoe+x     | q=jdoe%2Bx&r=1                     | true
            jdoe+x     | q=jdoe%2bx                         | true
            jdoe+x     | pod jupyter-jdoe-2bx               | true
            jdoe+x     | q=jdoe%2Bxy                        | false
            j.doe      | jadoe                              | false
            """)
    void findsEveryFormOfANameAsAWholeWordIgnoringCase(final String name, final String text, final boolean found) {
        final LearnedNames names = new LearnedNames();
        names.learn(name);
        assertThat(names.occurIn(text)).isEqualTo(found);
    }
}
