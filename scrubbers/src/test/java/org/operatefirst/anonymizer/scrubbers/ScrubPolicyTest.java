package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.scrubbers.rewrite.IpRange;

class ScrubPolicyTest {

    @Test
    void anEmptyMapGivesTheDefaults() {
        assertThat(ScrubPolicy.fromMap(Map.of())).isEqualTo(ScrubPolicy.defaults());
    }

    @Test
    void readsEveryKey() {
        final ScrubPolicy policy = ScrubPolicy.fromMap(Map.of(
                "version", "2026-11",
                "name-templates", List.of("notebook-{username}"),
                "kept-cidrs", List.of("172.30.0.0/16", "fd00::/8"),
                "kept-email-domains", List.of("Example.COM"),
                "username-fields", List.of("Requester"),
                "drop-fields", List.of("metadata.annotations"),
                "max-json-depth", 10,
                "keep-mac-vendor", false,
                "learned-names-capacity", 50,
                "learned-names-ttl", "7d"));
        assertThat(policy.version()).isEqualTo("2026-11");
        assertThat(policy.nameTemplates()).singleElement().hasToString("notebook-{username}");
        assertThat(policy.keptRanges()).containsExactly(IpRange.parse("172.30.0.0/16"), IpRange.parse("fd00::/8"));
        assertThat(policy.keptEmailDomains()).containsExactly("example.com");
        assertThat(policy.usernameFields()).containsExactly("requester");
        assertThat(policy.dropFields()).containsExactly("metadata.annotations");
        assertThat(policy.maxJsonDepth()).isEqualTo(10);
        assertThat(policy.keepMacVendor()).isFalse();
        assertThat(ScrubPolicy.defaults().keepMacVendor()).isTrue();
        assertThat(policy.learnedNamesCapacity()).isEqualTo(50);
        assertThat(policy.learnedNamesTtl()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(ScrubPolicy.fromMap(Map.of("learned-names-ttl", "PT90M")).learnedNamesTtl())
                .isEqualTo(java.time.Duration.ofMinutes(90));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("kept-cidr", List.of()), "unknown policy key 'kept-cidr'"),
                Arguments.of(Map.of("kept-cidrs", "10.0.0.0/8"), "'kept-cidrs' must be a list"),
                Arguments.of(Map.of("kept-cidrs", List.of("10.0.0.0/33")), "'kept-cidrs'"),
                Arguments.of(Map.of("kept-cidrs", List.of("ten")), "'kept-cidrs'"),
                Arguments.of(Map.of("name-templates", List.of("jupyter-")), "'name-templates'"),
                Arguments.of(Map.of("name-templates", List.of()), "'name-templates' must list at least one"),
                Arguments.of(Map.of("username-fields", List.of(" ")), "'username-fields' must list non-blank"),
                Arguments.of(Map.of("max-json-depth", "deep"), "'max-json-depth' must be a whole number"),
                Arguments.of(Map.of("max-json-depth", 0), "'max-json-depth' must be between 1 and 1000"),
                Arguments.of(Map.of("keep-mac-vendor", "yes"), "'keep-mac-vendor' must be true or false"),
                Arguments.of(Map.of("learned-names-capacity", -1), "'learned-names-capacity' must be between"),
                Arguments.of(Map.of("learned-names-capacity", "many"), "'learned-names-capacity' must be a whole"),
                Arguments.of(Map.of("learned-names-ttl", "soon"), "'learned-names-ttl' must be a duration"),
                Arguments.of(Map.of("learned-names-ttl", "0h"), "'learned-names-ttl' must be positive"),
                Arguments.of(Map.of("version", " "), "'version' must not be blank"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsAnInvalidPolicyNamingTheKey(final Map<String, Object> map, final String message) {
        assertThatThrownBy(() -> ScrubPolicy.fromMap(map)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
