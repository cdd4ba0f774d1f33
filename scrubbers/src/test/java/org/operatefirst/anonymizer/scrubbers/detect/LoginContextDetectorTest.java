package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginContextDetectorTest {

    private final LoginContextDetector detector = new LoginContextDetector();

    static Stream<Arguments> userNames() {
        return Stream.of(
                arguments("failed password, invalid user", "sshd[24200]: Failed password for invalid user «webmaster»"
                        + " from 203.0.113.7 port 38926 ssh2"),
                arguments("failed password", "sshd[1]: Failed password for «jdoe» from 203.0.113.7 port 22 ssh2"),
                arguments("accepted publickey", "Accepted publickey for «jdoe» from 192.0.2.4 port 51000 ssh2: RSA"
                        + " SHA256:abc"),
                arguments("accepted password", "Accepted password for «rroe» from 192.0.2.4 port 51000 ssh2"),
                arguments("keyboard-interactive", "Failed keyboard-interactive/pam for invalid user «mmajor» from"
                        + " 198.51.100.2 port 4 ssh2"),
                arguments("invalid user", "sshd[5]: Invalid user «kroe» from 203.0.113.9 port 40116"),
                arguments("connection closed by invalid user", "Connection closed by invalid user «kroe»"
                        + " 203.0.113.9 port 40116 [preauth]"),
                arguments("session opened", "pam_unix(sshd:session): session opened for user «jdoe» by (uid=0)"),
                arguments("end of text", "Invalid user «kroe»"),
                arguments("pam ruser", "authentication failure; logname= uid=500 euid=0 tty= ruser=«kroe» rhost="),
                arguments("pam logname", "authentication failure; logname=«kroe» uid=500"),
                arguments("common log format", "192.0.2.1 - «frank» [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\""
                        + " 200 2326"),
                arguments("combined log format after a host name", "host.example.org - «jane.doe»"
                        + " [05/May/2021:10:02:42 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"curl/8\""),
                arguments("hdfs audit", "allowed=true ugi=«kroe» (auth:SIMPLE) ip=/10.1.2.3 cmd=open"),
                arguments("java property", "Job owner is mmajor, user.name=«mmajor»"),
                arguments("apache auth", "[error] [client 192.0.2.1] user «mmajor»: authentication failure for \"/\""),
                arguments("hadoop lease renewer", "WARN [LeaseRenewer:«jdoe»@10.1.2.3:9000] Client: x"),
                arguments("home directory", "open(\"/home/«alice»/.bashrc\") failed"),
                arguments("home directory at the end", "cd /home/«alice»"),
                arguments("namespace", "namespace=«user-»«jdoe»".replace("«user-»", "user-")),
                arguments("namespace in a path", "/api/v1/namespaces/user-«jdoe»/pods"),
                arguments("namespace in json", "{\"namespace\":\"user-«jane-doe»\"}"),
                arguments("jupyterhub start time", "[I 2026-12-07 10:02:42.210 JupyterHub base:1090] User «kvasquez»"
                        + " took 14.512 seconds to start"),
                arguments("jupyterhub slow start", "[W 2026-12-07 10:02:42.210 JupyterHub base:1055] User"
                        + " «amara.delacroix» is slow to start (timeout=10)"),
                arguments("jupyterhub failed server", "[W 2026-12-07 10:02:42.210 JupyterHub user:881]"
                        + " «soren-acht»'s server failed to start in 300 seconds, giving up"),
                arguments("jupyterhub culler", "[I 2026-12-07 10:02:42.210 JupyterHub cull_idle_servers:150]"
                        + " Culling server for «umarg24» (inactive for 01:00:12)"),
                arguments("logged in", "[I 2026-12-07 00:00:54.521 JupyterHub base:991] User logged in: «zq.wanda»"),
                arguments("logged out", "[I 2026-12-07 00:00:54.521 JupyterHub login:47] User logged out: «zq_wanda»,"
                        + " redirecting"),
                arguments("jupyterhub proxy, adding", "[I 2026-12-07 00:00:32.265 JupyterHub proxy:282] Adding user"
                        + " «muiversen5833» to proxy /user/x/ => http://192.0.2.171:8888"),
                arguments("jupyterhub proxy, removing", "[I 2026-12-07 00:00:32.265 JupyterHub proxy:309] Removing"
                        + " user «mui.versen» from proxy (/user/x/)"),
                arguments("jupyterhub request log, IPv4", "[I 2026-12-07 10:02:42.210 JupyterHub log:189] 200 GET"
                        + " /hub/api («qjfontaine4863»@192.0.2.167) 0.40ms"),
                arguments("jupyterhub request log, IPv4-mapped", "[I 2026-12-07 10:02:42.210 JupyterHub log:189] 302"
                        + " GET /hub/spawn-pending/x -> /user/x/ («qjfontaine4863»@::ffff:192.0.2.1) 6.94ms"),
                arguments("IPv6 in brackets", "connection from «kroe»@[2001:db8::7]:22 closed"),
                arguments("bare IPv6", "ssh «kroe»@2001:db8:0:0:1:0:0:7"),
                arguments("address and port", "scp report.csv «j_doe»@198.51.100.20:/tmp/"),
                arguments("sudo", "Dec  7 10:00:01 host sudo:   «zq.wanda» : TTY=pts/0 ; PWD=/tmp ; USER=root ;"
                        + " COMMAND=/usr/bin/systemctl restart nginx"),
                arguments("sudo, refused", "sudo: «zqwanda7781» : user NOT in sudoers ; TTY=pts/0 ; USER=root"),
                arguments("su", "su[1234]: pam_unix(su:session): session opened for user root by «zqwanda7781»(uid=1000)"),
                arguments("systemd-logind", "systemd-logind[812]: New session c3 of user «zqwanda7781»."),
                arguments("kubernetes authorizer", "pods is forbidden: User \"«zq.wanda-corp»\" cannot list resource"
                        + " \"pods\" in API group \"\" in the namespace \"default\""),
                arguments("postgres, quoted", "FATAL:  password authentication failed for user \"«zqwanda7781»\""),
                arguments("postgres, log line prefix", "2026-12-07 10:00:01.123 UTC [4242] «zqwanda7781»@appdb FATAL:"
                        + "  no pg_hba.conf entry"),
                arguments("postfix", "postfix/smtpd[1]: 1A2B3C: client=unknown[192.0.2.1], sasl_method=PLAIN,"
                        + " sasl_username=«zqwanda7781»"),
                arguments("jenkins", "Started by user «Zofia Q. Wanda»"),
                arguments("jenkins, then more", "Started by user «zq.wanda»; running as SYSTEM"),
                arguments("vsftpd", "vsftpd[1]: [pid 1234] [«zqwanda7781»] OK LOGIN: Client \"192.0.2.1\""),
                arguments("vsftpd, failed", "vsftpd[1]: [«zqwanda7781»] FAIL UPLOAD: Client \"192.0.2.1\", \"/x\""),
                arguments("openvpn", "Dec  7 10:00:01 vpn openvpn[1]: «zqwanda7781»/192.0.2.1:1194 MULTI_sva: pool"),
                arguments("ldap uid", "conn=1000 op=1 BIND dn=\"uid=«zqwanda7781»,ou=people,dc=example,dc=org\""),
                arguments("ldap cn", "BIND dn=\"cn=«Zofia Wanda»,ou=people,dc=example,dc=org\" method=128"),
                arguments("tls subject", "subject=CN=«zqwanda7781»,O=Example Org,C=XX"),
                arguments("sshd, authenticating user", "sshd[9]: Connection closed by authenticating user «zq.wanda»"
                        + " 192.0.2.1 port 51234 [preauth]"),
                arguments("sshd, disconnected", "sshd[9]: Disconnected from user «zqwanda7781» 192.0.2.1 port 51234"),
                arguments("sshd, attempts exceeded", "sshd[9]: error: maximum authentication attempts exceeded for"
                        + " invalid user «zqwanda7781» from 192.0.2.1 port 51234 ssh2 [preauth]"),
                arguments("sshd, not allowed", "sshd[1]: User «zqwanda7781» from 192.0.2.1 not allowed because not"
                        + " listed in AllowUsers"),
                arguments("cron", "CRON[1]: («zqwanda7781») CMD (run-parts /etc/cron.hourly)"),
                arguments("su, to root", "su[1]: FAILED SU (to root) «zqwanda7781» on pts/0"),
                arguments("login", "login[1]: FAILED LOGIN (1) on '/dev/tty1' FOR '«zqwanda7781»', Authentication"
                        + " failure"),
                arguments("passwd", "passwd[78]: pam_unix(passwd:chauthtok): password changed for «zqwanda7781»"),
                arguments("chage", "chage[1]: changed password expiry for «zqwanda7781»"),
                arguments("polkit", "polkitd[1]: Operator of unix-session:3 successfully authenticated as"
                        + " unix-user:«zqwanda7781» to gain ONE-SHOT authorization"),
                arguments("systemd session", "systemd[1]: Started Session 5 of User «zqwanda7781»."),
                arguments("userdel", "userdel[1]: delete user '«zqwanda7781»'"),
                arguments("usermod", "usermod[1]: add '«zqwanda7781»' to group 'wheel'"),
                arguments("mysql", "[Note] Access denied for user '«zqwanda7781»'@'192.0.2.44' (using password: YES)"),
                arguments("username in single quotes", "WARN  Authentication failed for username '«zq.wanda»'"),
                arguments("audit acct", "msg='op=PAM:accounting grantors=pam_unix acct=\"«zqwanda7781»\""
                        + " exe=\"/usr/sbin/sshd\"'"),
                arguments("audit AUID", "res=success' UID=\"root\" AUID=\"«zqwanda7781»\""),
                arguments("grafana", "logger=context userId=3 orgId=1 uname=«zqwanda7781» t=2026-12-07T10:00:01Z"),
                arguments("oauth2-proxy", "192.0.2.10:51234 - 0a1b2c3d - «zqwanda7781» [2026/12/07 10:00:01]"
                        + " [AuthSuccess] GET /oauth2/callback"),
                arguments("two rules", "Accepted publickey for «jdoe» from 192.0.2.4 cwd=/home/«jdoe»/x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userNames")
    void findsUserNamesWithExactSpans(final String name, final String marked) {
        assertThat(MarkedText.detect(detector, marked))
                .containsExactlyElementsOf(MarkedText.expected(marked, FindingType.USERNAME));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Failed password for root from 203.0.113.7 port 22 ssh2",
        "Invalid user admin from 203.0.113.7",
        "Failed password for invalid user  from 203.0.113.7",
        "waiting for jdoe to finish",
        "Accepted publickey for jdoe, but",
        "ruser= rhost=203.0.113.7 user=root",
        "xruser=jdoe",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200",
        "frank [10/Oct/2000:13:55:36 -0700]",
        "array [10, 20]",
        "User-Agent: curl/8.0",
        "a user-defined value, user-agent, user-facing docs",
        "jupyter-user-jdoe",
        "/home/ is empty",
        "[main] user interface: started",
        "LeaseRenewer: stopped",
        "/homes/jdoe/x and /home/root/x",
        "v1.2.3.4 e3b0c44298fc1c149afbf4c8996fb924 system:serviceaccount:user-ns:sa 12.5ms",
        "User root took 1.2 seconds to start",
        "User took over the session; Users took note; the User is slow",
        "the user's server failed; [main] admin's server failed",
        "Culling server for  (inactive)",
        "200 GET /hub/api (@192.0.2.105) 1.97ms",
        "User logged in: admin; User logged in:  ; User logged out: -",
        "secrets is forbidden: User \"system:serviceaccount:ns:sa\" cannot list; user \"\"; users \"x\"",
        "pseudo: x : y; sudo: : TTY=; sudo:root : TTY=pts/0",
        "session opened for user root by (uid=0); New session of user x; New sessions 3 of user y",
        "mail sent to ops@example.org FATAL: x; @appdb FATAL: x",
        "uid=1000 auid=1001 cn=admin,dc=example,dc=org cn=x=y,ou=z scn=a,ou=b",
        "Started by user ; Started by timer; [x] OK; [a b] OK LOGIN: c; [x] OK login: y",
        "GET /10.0.0.1:80 x; a/10.0.0.1:x; a/1.2.3:4 ; dir/192.0.2.1:8080/x",
        "Connection closed by authenticating user  [preauth]; (to root) on pts/0; (root) CMD (x)",
        "the user 'root'; add 'x' to the list; auid=1000 AUID=\"unset\" acct=\"\"; User x from y was allowed",
        "Session 5 of user-facing docs; password changed for ; unix-user: ; [2026/12/07 10:00:01] alone",
        "(jdoe@example.org@::ffff:192.0.2.1)",
        "https://jdoe:s3cret@192.0.2.1/x",
        "backup@12:30:00 done, job@10.0.0.1.example.org, v@1.2.3, x@fe80:1",
        "Adding user to proxy; adding user jdoe to proxyserver; Removing user jdoe from proxy-config",
    })
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }
}
