package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

class LeakGuardTest {

    private static final ScrubPolicy POLICY = ScrubPolicy.fromMap(Map.of(
            "kept-cidrs", List.of("172.30.0.0/16"), "kept-email-domains", List.of("example.com")));
    private static final IdentityDirectory DIRECTORY = IdentityDirectory.of(List.of(
            List.of("jdoe", "jdoe@example.org", "Jane Roe-Doe"), List.of("asmith")));
    private static final Scrubber SCRUBBER = Scrubber.create(secret(), Tier.PUBLIC, 2026, POLICY, DIRECTORY);
    private static final LeakGuard GUARD = LeakGuard.create(POLICY, DIRECTORY);

    private static MasterSecret secret() {
        final byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) 3);
        return MasterSecret.of(bytes);
    }

    private static String scrubbed(final RecordKind kind, final String raw) {
        return switch (SCRUBBER.scrub(kind, raw)) {
            case ScrubResult.Scrubbed scrubbed -> scrubbed.output();
            case ScrubResult.Failed failed -> throw new AssertionError(failed.toString());
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/spawn-pending/jdoe@example.org "
            + "(jdoe@example.org@::ffff:198.51.100.1) 13.28ms",
        "GET /user/jdoe%40example.org/lab?token=kx92mAq7ZtW4eR1yU8sD HTTP/1.1 from 203.0.113.7:5123",
        "Adding user asmith to proxy /user/asmith/ => http://10.131.3.21:8080 (Jane Roe-Doe)",
        "pod jupyterhub-nb-jdoe-40example-2eorg scheduled on 2001:db8::7, service 172.30.0.10 kept",
        "mail ops@example.com and bob@example.net; Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
        "password=Tr0ub4dor&3 login=jdoe secret: \"b7Hn3Jk9Lp2Qw5Er8Ty1\" git clone https://u:pw@git.example.org/r",
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef v1.20.5 10:02:42 4.7.0",
    })
    void passesWhatTheScrubberWrites(final String raw) {
        final String output = scrubbed(RecordKind.LOGS, raw);
        assertThat(GUARD.check(raw, output)).as(output).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            owner jdoe@example.org                 | owner jdoe@example.org                      | EMAIL
            owner jdoe@example.org                 | owner uaaaaaaaaaaaa@example.org             | EMAIL
            owner x                                | owner uaaaaaaaaaaaa@dbbbbbbbb.example       | EMAIL
            owner x                                | owner Uaaaaaaaaaaa1@dbbbbbbbb.invalid       | EMAIL
            from 203.0.113.7:5123                  | from 203.0.113.7:5123                       | IPV4
            from 2001:db8::7                       | from [2001:db8::7]                          | IPV6
            pod jupyterhub-nb-jdoe-40example-2eorg | pod jupyterhub-nb-jdoe-40example-2eorg      | USERNAME
            pod jupyterhub-nb-bob-40example-2eorg  | pod jupyterhub-nb-bob-40example-2eorg       | ESCAPED_USERNAME
            login=asmith                           | login=u0000 by asmith                       | USERNAME
            login=kvasquez                         | seen KVasquez at Kvasquez's desk            | USERNAME
            login=kvasquez                         | kkkKKKvvvVVV Kv kV kvasque KVASQUEZ          | USERNAME
            pod jupyterhub-nb-bob-40example-2eorg  | POD JUPYTERHUB-NB-BOB-40EXAMPLE-2EORG       | ESCAPED_USERNAME
            hello                                  | Jane Roe-Doe was here                       | PERSON_NAME
            password=Tr0ub4dor&3                   | password=Tr0ub4dor&3                        | PASSWORD
            x                                      | token=kx92mAq7ZtW4eR1yU8sD                  | PASSWORD
            """)
    void stopsLeaks(final String raw, final String output, final FindingType type) {
        assertThat(GUARD.check(raw, output)).hasValueSatisfying(leak -> {
            assertThat(leak.type()).isEqualTo(type);
            assertThat(leak.reason()).startsWith(LeakGuard.REASON_PREFIX).doesNotContain("jdoe", "203.0.113");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            owner uaaaaaaaaaaaa@dbbbbbbbb.invalid             | owner uaaaaaaaaaaaa@dbbbbbbbb.invalid
            owner uaaaaaaaaaaaa%2540dbbbbbbbb.invalid         | owner uaaaaaaaaaaaa%2540dbbbbbbbb.invalid
            kept uaaaaaaaaaaaa@example.com                    | kept uaaaaaaaaaaaa@example.com
            service 172.30.0.10                              | service 172.30.0.10
            from 203.0.113.7                                 | from 203.0.113.77 and 10.203.0.113.7.1
            login=kvasquez                                   | KVASQUEZZ xkvasquez kvasque_z kvasquez_
            password=[REDACTED:password]                     | password=[REDACTED:password]
            https://REDACTED:url-credentials@git.example.org | https://REDACTED:url-credentials@git.example.org
            """)
    void letsPseudonymsMarkersAndKeptValuesThrough(final String raw, final String output) {
        assertThat(GUARD.check(raw, output)).isEmpty();
    }
}
