package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;

/** The shapes of ADR-0022 end to end: the rewrite each finding gets, and consistency with the plain forms. */
class NewShapesScrubbingTest {

    private final Scrubber scrubber = Scrubber.create(MasterSecret.of(new byte[32]), Tier.PUBLIC, 2026);
    private final Pseudonymizer pseudonymizer = scrubber.pseudonymizer();

    private String scrub(final String text) {
        final ScrubResult result = scrubber.scrubText(text);
        assertThat(result).as(text).isInstanceOf(ScrubResult.Scrubbed.class);
        return ((ScrubResult.Scrubbed) result).output();
    }

    @Test
    void anAddressInsideAHostNameGetsThePseudonymOfTheAddressWrittenPlainly() {
        final String ip = pseudonymizer.ipv4("10.0.3.17").orElseThrow();

        assertThat(scrub("node ip-10-0-3-17.ec2.internal (10.0.3.17) and 10.0.3.17.nip.io"))
                .isEqualTo("node ip-" + ip.replace('.', '-') + ".ec2.internal (" + ip + ") and " + ip + ".nip.io");
    }

    @Test
    void anAddressInsideABlockPoolIdKeepsTheIdsShape() {
        final String ip = pseudonymizer.ipv4("10.190.173.170").orElseThrow();

        assertThat(scrub("BP-1347369012-10.190.173.170-1444972147527:blk_1"))
                .isEqualTo("BP-1347369012-" + ip + "-1444972147527:blk_1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "token xoxb-123456789012-abcdefABCDEF ok | token [REDACTED:slack-token] ok",
        "Authorization: Basic dXNlcjpwYXNz | Authorization: Basic [REDACTED:password]",
        "GET /app;jsessionid=0123456789ABCDEF?x=1 | GET /app;jsessionid=[REDACTED:session-id]?x=1",
        "https://svc:p#ss!w@rd@db.example.org/x | https://REDACTED:url-credentials@db.example.org/x",
    })
    void secretsBecomeTheirMarkers(final String input, final String expected) {
        assertThat(scrub(input)).isEqualTo(expected);
    }

    @Test
    void aLoginNameGetsTheUserNamePseudonym() {
        assertThat(scrub("Failed password for invalid user webmaster from 192.0.2.9 port 22 ssh2"))
                .startsWith("Failed password for invalid user " + pseudonymizer.username("webmaster") + " from ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[I 2026-12-07 00:00:54.521 JupyterHub log:189] 200 GET /hub/api (%s@::ffff:192.0.2.167) 0.40ms",
        "[I 2026-12-07 00:00:54.521 JupyterHub log:189] 200 GET /hub/api (%s@192.0.2.167) 0.40ms",
        "[I 2026-12-07 00:00:32.265 JupyterHub proxy:282] Adding user %s to proxy /x/ => http://192.0.2.1:8888",
        "[I 2026-12-07 00:00:32.265 JupyterHub proxy:360] Removing user %s from proxy (/x/)",
        "[I 2026-12-07 00:00:54.521 JupyterHub base:991] User logged in: %s",
        "Dec  7 10:00:01 host sudo:   %s : TTY=pts/0 ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx",
        "Dec  7 10:00:01 host su[1234]: pam_unix(su:session): session opened for user root by %s(uid=1000)",
        "Dec  7 10:00:01 host systemd-logind[812]: New session 3 of user %s.",
        "pods is forbidden: User \"%s\" cannot list resource \"pods\" in API group \"\" in the namespace \"x\"",
        "2026-12-07 10:00:01.123 UTC [4242] %s@appdb FATAL:  password authentication failed for user \"%s\"",
        "Dec  7 10:00:01 mail dovecot: imap-login: Login: user=<%s>, method=PLAIN, rip=192.0.2.1, mpid=1",
        "postfix/smtpd[1]: 1A2B3C: client=unknown[192.0.2.1], sasl_method=PLAIN, sasl_username=%s",
        "Started by user %s",
        "vsftpd[1]: [pid 12] [%s] OK LOGIN: Client \"192.0.2.1\"",
        "Dec  7 10:00:01 vpn openvpn[1]: %s/192.0.2.1:1194 MULTI_sva: pool returned IPv4=10.8.0.6",
        "slapd[1]: conn=1000 op=1 BIND dn=\"uid=%s,ou=people,dc=example,dc=org\" method=128",
        "Dec  7 10:00:01 host sshd[9]: Connection closed by authenticating user %s 192.0.2.1 port 22 [preauth]",
        "Dec  7 10:00:01 host CRON[1]: (%s) CMD (run-parts /etc/cron.hourly)",
        "Dec  7 10:00:01 host su[1]: FAILED SU (to root) %s on pts/0",
        "Dec  7 10:00:01 host systemd[1]: Started Session 5 of User %s.",
        "2026-12-07T10:00:01.123456Z 12 [Note] Access denied for user '%s'@'192.0.2.44' (using password: YES)",
        "192.0.2.10:51234 - 0a1b2c3d - %s [2026/12/07 10:00:01] [AuthSuccess] GET /oauth2/callback",
    })
    void aLoginThatOnlyTheWordingMarksGetsTheUserNamePseudonymInEveryShape(final String shape) {
        // Not in any directory, and nothing else on the line names the user.
        assertThat(scrub(shape.replace("%s", "zq.wanda7781")))
                .isEqualTo(scrub(shape.replace("%s", "zq.wanda7781")))
                .contains(pseudonymizer.username("zq.wanda7781"))
                .doesNotContain("wanda");
    }

    @Test
    void aMacAddressKeepsItsVendorAndNotationAndIsTheSameInEveryRecord() {
        final String pseudonym = pseudonymizer.mac("00:50:56:12:34:56").orElseThrow();

        assertThat(scrub("link/ether 00:50:56:12:34:56 brd ff:ff:ff:ff:ff:ff"))
                .isEqualTo("link/ether " + pseudonym + " brd ff:ff:ff:ff:ff:ff");
        assertThat(scrub("{\"mac\":\"00-50-56-12-34-56\"}")).isEqualTo("{\"mac\":\"" + pseudonym.replace(':', '-')
                + "\"}");
        assertThat(pseudonym).startsWith("00:50:56:").isNotEqualTo("00:50:56:12:34:56");
    }

    @Test
    void aPolicyCanPseudonymizeTheVendorToo() {
        final Scrubber whole = Scrubber.create(MasterSecret.of(new byte[32]), Tier.PUBLIC, 2026,
                ScrubPolicy.fromMap(java.util.Map.of("keep-mac-vendor", false)));
        final ScrubResult.Scrubbed result = (ScrubResult.Scrubbed) whole.scrubText("lease 00:50:56:12:34:56 for 10.0.0.7");

        assertThat(result.output()).doesNotContain("00:50:56");
        assertThat(result.findings().get(org.operatefirst.anonymizer.scrubbers.detect.FindingType.MAC_ADDRESS))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mail jane&#64;example.org now       | &#64;      | .",
        "mail jane&#x40;example.org now      | &#x40;     | .",
        "mail jane\\u0040example.org now     | \\u0040    | .",
        "mail jane(at)example.org now        | (at)       | .",
        "mail jane [at] example [dot] org now | ' [at] '  | ' [dot] '",
    })
    void anObfuscatedEmailGetsThePlainAddresssPseudonymInTheSameShape(final String input, final String at,
            final String dot) {
        final String plain = pseudonymizer.email("jane@example.org").orElseThrow();
        final String[] parts = plain.split("@");

        assertThat(scrub(input)).isEqualTo("mail " + parts[0] + at + parts[1].replace(".", dot) + " now");
    }

    @Test
    void anEscapedAtSignInsideAJsonStringIsDecodedByTheParserAndGetsThePlainPseudonym() {
        final String plain = pseudonymizer.email("jane@example.org").orElseThrow();
        final ScrubResult result = scrubber.scrub(RecordKind.EVENTS,
                "{\"message\":\"sent to jane\\u0040example.org\",\"note\":\"jane&#64;example.org\"}");

        assertThat(((ScrubResult.Scrubbed) result).output()).isEqualTo("{\"message\":\"sent to " + plain
                + "\",\"note\":\"" + plain.replace("@", "&#64;") + "\"}");
    }
}
