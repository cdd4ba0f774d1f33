package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;
import java.util.Set;

/**
 * Finds user names ({@link FindingType#USERNAME}) that the wording of common system logs marks as such, where no
 * key names them:
 *
 * <ul>
 *   <li>sshd: {@code Failed password for NAME from}, {@code Failed password for invalid user NAME from},
 *       {@code Accepted publickey for NAME from} (any method word between {@code Failed}/{@code Accepted} and
 *       {@code for}), {@code Invalid user NAME from}, {@code invalid user NAME} (sshd's {@code Connection closed by
 *       invalid user ...}), {@code session opened for user NAME};</li>
 *   <li>PAM: {@code ruser=NAME} and {@code logname=NAME} ({@code user=} is a user name field of the policy), and
 *       the HDFS audit log's {@code ugi=NAME} and Java's {@code user.name=NAME};</li>
 *   <li>Apache's {@code [client ...] user NAME: authentication failure}, and Hadoop's
 *       {@code [LeaseRenewer:NAME@host:port]};</li>
 *   <li>the remote-user field of the Common and Combined Log Formats: {@code HOST - NAME [10/Oct/2000:...}, and of
 *       oauth2-proxy's auth log, {@code ADDR - REQID - NAME [2026/12/07 10:00:01]};</li>
 *   <li>JupyterHub's messages about a user's server: {@code User NAME took 14.512 seconds to start},
 *       {@code User NAME is slow to start}, {@code ] NAME's server failed to start} (the name right after the
 *       logger's tag), {@code Culling server for NAME}, {@code User logged in: NAME} and
 *       {@code User logged out: NAME}; its proxy's {@code Adding user NAME to proxy} and
 *       {@code Removing user NAME from proxy};</li>
 *   <li>sudo's {@code sudo: NAME : TTY=...}, su's {@code session opened for user root by NAME(uid=1000)},
 *       systemd-logind's {@code New session 3 of user NAME.}, and a quoted name after the word user:
 *       {@code User "NAME" cannot list resource} (Kubernetes' authorizer), {@code for user "NAME"} (PostgreSQL);</li>
 *   <li>sshd's {@code Connection closed by authenticating user NAME 192.0.2.1 port 22 [preauth]},
 *       {@code Disconnected from user NAME ...}, {@code maximum authentication attempts exceeded for NAME from},
 *       {@code User NAME from HOST not allowed because}; cron's {@code (NAME) CMD (...)}; su's
 *       {@code (to root) NAME on pts/0}; login's {@code FOR 'NAME'}; passwd's and chage's {@code password changed
 *       for NAME}, {@code password expiry for NAME}; polkit's {@code unix-user:NAME}; systemd's {@code Session 5 of
 *       User NAME}; shadow-utils' {@code delete user 'NAME'}, {@code add 'NAME' to group}; the audit log's
 *       {@code acct="NAME"}, {@code AUID="NAME"}; Grafana's {@code uname=NAME}; a name in single quotes after
 *       user or username ({@code Access denied for user 'NAME'@'host'});</li>
 *   <li>PostgreSQL's log line prefix {@code %u@%d}: {@code [4242] NAME@appdb FATAL:}; Postfix's
 *       {@code sasl_username=NAME}; Jenkins' {@code Started by user Jane Doe}; vsftpd's {@code [NAME] OK LOGIN:};
 *       OpenVPN's {@code NAME/192.0.2.1:1194 MULTI:}; a distinguished name's {@code uid=NAME,ou=people} and
 *       {@code cn=Jane Doe,ou=people};</li>
 *   <li>a name right before {@code @} and an address, {@code NAME@10.131.0.1}, {@code NAME@::ffff:10.131.0.1},
 *       {@code NAME@[2001:db8::1]}: JupyterHub's request log ({@code 200 GET /hub/api (NAME@10.131.0.1) 1.97ms}),
 *       {@code ssh NAME@host} with an address (the part of an email before its domain is the email detector's);</li>
 *   <li>home directories, {@code /home/NAME/...}, and per-user namespaces, {@code user-NAME}, lower case, after a
 *       separator (not {@code User-Agent}, not {@code user-defined} and the like, {@link #NOT_NAMESPACES}).</li>
 * </ul>
 *
 * Values that are platform users ({@link PlatformUsers}: {@code root}, {@code admin}, ...), {@code -}, values with
 * an {@code @} (the email detector's), without a letter, or longer than {@value #MAX_VALUE_LENGTH} characters are
 * not reported. The sshd phrases need what sshd writes after the name ({@code from}, {@code port}, an address or the
 * end); a namespace in a service account's name ({@code system:serviceaccount:user-ns:sa}) is kept.
 *
 * <p>Each rule starts at a literal found with {@link String#indexOf} and reads a bounded number of characters, so
 * the scan is linear in the text. Stateless and thread-safe; never throws.
 */
public final class LoginContextDetector implements Detector {

    /** The longest value taken for a user name. */
    public static final int MAX_VALUE_LENGTH = 64;

    /** Words that follow {@code user-} in prose and HTTP headers, not a per-user namespace. */
    static final Set<String> NOT_NAMESPACES = Set.of("agent", "data", "defined", "facing", "friendly", "guide",
            "id", "ids", "info", "interface", "level", "mode", "name", "names", "namespace", "namespaces",
            "provided", "space", "specified", "supplied", "workload", "workloads", "generated", "controlled");

    private static final String FOR = " for ";
    // Bigrams each rule needs (TriggerBigrams): a text without them skips the rule's searches.
    private static final long SSHD_METHOD = TriggerBigrams.bit("Fa") | TriggerBigrams.bit("Ac")
            | TriggerBigrams.bit("Po");
    private static final long INVALID = TriggerBigrams.bit("nv");
    private static final long SESSION = TriggerBigrams.bit("ss");
    private static final long SSHD = SSHD_METHOD | INVALID | SESSION;
    private static final long KEYS = TriggerBigrams.bit("r=") | TriggerBigrams.bit("e=") | TriggerBigrams.bit("i=")
            | TriggerBigrams.bit("d=") | TriggerBigrams.bit("t=") | TriggerBigrams.bit("D=");
    private static final long DN = TriggerBigrams.bit("n=") | TriggerBigrams.bit("N=");
    private static final long JENKINS = TriggerBigrams.bit("St");
    private static final long APACHE = TriggerBigrams.bit("] ");
    private static final long LEASE = TriggerBigrams.bit("Le");
    private static final long CLF = TriggerBigrams.bit(" [");
    private static final long HOME_BITS = TriggerBigrams.bit("e/");
    private static final long NAMESPACE_BITS = TriggerBigrams.bit("r-");
    private static final long HUB_USER = TriggerBigrams.bit("Us");
    private static final long HUB_SERVER = TriggerBigrams.bit("'s");
    private static final long HUB_CULL = TriggerBigrams.bit("Cu");
    private static final long HUB_PROXY = TriggerBigrams.bit("xy");
    private static final long SUDO = TriggerBigrams.bit("o:");
    private static final long SU_BY = TriggerBigrams.bit("(u");
    private static final long LOGIND = TriggerBigrams.bit("Ne");
    private static final long QUOTED = TriggerBigrams.bit(" \"");
    private static final long SSHD_CLOSED = TriggerBigrams.bit("Co") | TriggerBigrams.bit("Di");
    private static final long EXCEEDED = TriggerBigrams.bit("xc");
    private static final long UNIX_USER = TriggerBigrams.bit("x-");
    private static final long CRON = TriggerBigrams.bit("MD");
    private static final long SU_TO = TriggerBigrams.bit("(t");
    private static final long FAILED_LOGIN = TriggerBigrams.bit("FA");
    private static final long SINGLE_QUOTED = TriggerBigrams.bit(" '");
    private static final long UNIX = SUDO | SU_BY | LOGIND | QUOTED | DN | JENKINS | TriggerBigrams.SLASH_DIGIT
            | SSHD_CLOSED | EXCEEDED | UNIX_USER | CRON | SU_TO | FAILED_LOGIN | SINGLE_QUOTED | SESSION;
    private static final long TRIGGERS = SSHD | UNIX | KEYS | APACHE | LEASE | CLF | HOME_BITS | NAMESPACE_BITS
            | HUB_USER | HUB_SERVER | HUB_CULL | HUB_PROXY | TriggerBigrams.AT_SIGN;
    /** The severities PostgreSQL writes after its log line prefix. */
    private static final String[] POSTGRES_LEVELS = {"LOG:", "FATAL:", "ERROR:", "WARNING:", "STATEMENT:",
        "DETAIL:", "HINT:", "PANIC:", "NOTICE:", "INFO:", "DEBUG1:", "DEBUG2:", "DEBUG3:", "DEBUG4:", "DEBUG5:"};
    // Searched by one character each (AnchoredLiteral): a search of a string costs several of a character.
    private static final AnchoredLiteral FOR_SEARCH = AnchoredLiteral.of(FOR, 'f');
    private static final AnchoredLiteral INVALID_USER_SEARCH = AnchoredLiteral.of("nvalid user ", 'v');
    private static final AnchoredLiteral FOR_USER_SEARCH = AnchoredLiteral.of("for user ", 'f');
    private static final AnchoredLiteral APACHE_USER_SEARCH = AnchoredLiteral.of("] user ", ']');
    private static final AnchoredLiteral LEASE_RENEWER_SEARCH = AnchoredLiteral.of("LeaseRenewer:", 'L');
    private static final AnchoredLiteral CLF_OPEN_SEARCH = AnchoredLiteral.of(" [", '[');
    private static final AnchoredLiteral HOME_SEARCH = AnchoredLiteral.of("/home/", 'h');
    private static final AnchoredLiteral NAMESPACE_SEARCH = AnchoredLiteral.of("user-", '-');
    private static final AnchoredLiteral HUB_USER_SEARCH = AnchoredLiteral.of("User ", 'U');
    private static final AnchoredLiteral HUB_SERVER_SEARCH = AnchoredLiteral.of("'s server", '\'');
    private static final AnchoredLiteral HUB_CULL_SEARCH = AnchoredLiteral.of("Culling server for ", 'C');
    private static final AnchoredLiteral HUB_PROXY_SEARCH = AnchoredLiteral.of(" proxy", 'x');
    private static final AnchoredLiteral SUDO_SEARCH = AnchoredLiteral.of("sudo:", 'd');
    private static final AnchoredLiteral SU_BY_SEARCH = AnchoredLiteral.of("(uid=", '(');
    private static final AnchoredLiteral LOGIND_SEARCH = AnchoredLiteral.of("New session ", 'N');
    private static final AnchoredLiteral QUOTED_SEARCH = AnchoredLiteral.of("ser \"", '"');
    private static final AnchoredLiteral JENKINS_SEARCH = AnchoredLiteral.of(LoginContextDetector.JENKINS_STARTED, 'S');
    private static final AnchoredLiteral VSFTPD_SEARCH = AnchoredLiteral.of("] OK ", 'K');
    private static final AnchoredLiteral VSFTPD_FAIL_SEARCH = AnchoredLiteral.of("] FAIL ", 'F');
    private static final AnchoredLiteral[] VSFTPD_SEARCHES = {VSFTPD_SEARCH, VSFTPD_FAIL_SEARCH};
    private static final AnchoredLiteral AUTHENTICATING_SEARCH = AnchoredLiteral.of("authenticating user ", 'g');
    private static final AnchoredLiteral FROM_USER_SEARCH = AnchoredLiteral.of("Disconnected from user ", 'D');
    private static final AnchoredLiteral EXCEEDED_SEARCH = AnchoredLiteral.of("attempts exceeded for ", 'x');
    private static final AnchoredLiteral PASSWORD_FOR_SEARCH = AnchoredLiteral.of("password changed for ", 'g');
    private static final AnchoredLiteral EXPIRY_FOR_SEARCH = AnchoredLiteral.of("password expiry for ", 'x');
    private static final AnchoredLiteral UNIX_USER_SEARCH = AnchoredLiteral.of("unix-user:", 'x');
    private static final AnchoredLiteral CRON_SEARCH = AnchoredLiteral.of(") CMD (", 'M');
    private static final AnchoredLiteral SU_TO_SEARCH = AnchoredLiteral.of("(to ", '(');
    private static final AnchoredLiteral FAILED_LOGIN_SEARCH = AnchoredLiteral.of("FAILED LOGIN ", 'F');
    private static final AnchoredLiteral SESSION_OF_SEARCH = AnchoredLiteral.of("Session ", 'S');
    private static final AnchoredLiteral SINGLE_QUOTED_SEARCH = AnchoredLiteral.of(" '", '\'');
    private static final String HUB_USER_PREFIX = "User ";
    private static final String HUB_CULL_PREFIX = "Culling server for ";
    private static final String HUB_PROXY_USER = "user ";
    /** {@code User logged in: NAME}, {@code User logged out: NAME}: JupyterHub's, and many web applications'. */
    private static final String LOGGED_IN = "logged in: ";
    private static final String LOGGED_OUT = "logged out: ";
    private static final String PROXY = " proxy";
    private static final String QUOTED_USER = "ser \"";
    private static final String JENKINS_STARTED = "Started by user ";
    /** The attributes that may follow a person's in a distinguished name: {@code cn=Jane Doe,ou=people}. */
    private static final String[] DN_PARENTS = {"ou=", "o=", "dc=", "l=", "c="};
    /** What JupyterHub writes after {@code User NAME}: only then is the word after {@code User} a name. */
    private static final String[] HUB_USER_FOLLOWERS = {" took ", " is slow to start", "'s server"};
    private static final String INVALID_USER = "nvalid user ";
    private static final String FOR_USER = "for user ";
    private static final String[] PAM_KEYS = {"ruser=", "logname=", "ugi=", "user.name=", "sasl_username=", "uid=",
        "uname=", "acct=", "AUID="};
    private static final String APACHE_USER = "] user ";
    private static final String LEASE_RENEWER = "LeaseRenewer:";
    private static final String HOME = "/home/";
    private static final String NAMESPACE = "user-";
    private static final String CLF_OPEN = " [";
    private static final int MAX_METHOD = 32;

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null) {
            return;
        }
        final String s = text.toString();
        final long triggers = TriggerBigrams.of(s);
        if ((triggers & TRIGGERS) == 0) {
            return;
        }
        final int before = out.size();
        if ((triggers & SSHD) != 0) {
            sshd(s, triggers, out);
        }
        for (int eq = (triggers & KEYS) == 0 ? -1 : s.indexOf('='); eq >= 0; eq = s.indexOf('=', eq + 1)) {
            for (final String key : PAM_KEYS) {
                final int at = eq + 1 - key.length();
                if (at >= 0 && s.startsWith(key, at) && (at == 0 || !isWordChar(s.charAt(at - 1)))) {
                    if (eq + 1 < s.length() && s.charAt(eq + 1) == '"') {
                        // The audit log's acct="NAME", AUID="NAME" (AUID="unset" when no one logged in).
                        if (!s.startsWith("unset\"", eq + 2)) {
                            quotedValue(s, eq + 2, '"', out);
                        }
                    } else {
                        token(s, eq + 1, out);
                    }
                    break;
                }
            }
        }
        for (int at = (triggers & APACHE) == 0 ? -1 : APACHE_USER_SEARCH.next(s, 0); at >= 0; at = APACHE_USER_SEARCH.next(s, at + 1)) {
            final int start = at + APACHE_USER.length();
            int end = start;
            while (end < s.length() && end - start <= MAX_VALUE_LENGTH && s.charAt(end) != ':'
                    && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            if (s.startsWith(": authentication failure", end)) {
                report(s, start, end, out);
            }
        }
        for (int at = (triggers & LEASE) == 0 ? -1 : LEASE_RENEWER_SEARCH.next(s, 0); at >= 0; at = LEASE_RENEWER_SEARCH.next(s, at + 1)) {
            until(s, at + LEASE_RENEWER.length(), '@', out);
        }
        for (int at = (triggers & CLF) == 0 ? -1 : CLF_OPEN_SEARCH.next(s, 0); at >= 0; at = CLF_OPEN_SEARCH.next(s, at + 1)) {
            clfUser(s, at, out);
        }
        for (int at = (triggers & HOME_BITS) == 0 ? -1 : HOME_SEARCH.next(s, 0); at >= 0; at = HOME_SEARCH.next(s, at + 1)) {
            if (at == 0 || !isWordChar(s.charAt(at - 1))) {
                pathSegment(s, at + HOME.length(), out);
            }
        }
        for (int at = (triggers & NAMESPACE_BITS) == 0 ? -1 : NAMESPACE_SEARCH.next(s, 0); at >= 0; at = NAMESPACE_SEARCH.next(s, at + 1)) {
            namespace(s, at, out);
        }
        if ((triggers & (HUB_USER | HUB_SERVER | HUB_CULL | HUB_PROXY)) != 0) {
            jupyterHub(s, triggers, out);
        }
        for (int at = (triggers & TriggerBigrams.AT_SIGN) == 0 ? -1 : s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
            if (addressAt(s, at + 1) || postgresPrefixAt(s, at + 1)) {
                nameBeforeAt(s, at, out);
            }
        }
        if ((triggers & UNIX) != 0) {
            unix(s, triggers, out);
            services(s, triggers, out);
            shadow(s, triggers, out);
        }
        if (out.size() - before > 1) {
            // Rules run one after another: put this detector's findings in order and drop repeats.
            final List<Finding> mine = out.subList(before, out.size());
            mine.sort(java.util.Comparator.comparingInt(Finding::start));
            for (int k = mine.size() - 1; k > 0; k--) {
                if (mine.get(k).start() < mine.get(k - 1).end()) {
                    mine.remove(k);
                }
            }
        }
    }

    /** JupyterHub's messages about a user's server. */
    private static void jupyterHub(final String s, final long triggers, final List<Finding> out) {
        for (int at = (triggers & HUB_USER) == 0 ? -1 : HUB_USER_SEARCH.next(s, 0); at >= 0; at = HUB_USER_SEARCH.next(s, at + 1)) {
            if (at > 0 && isWordChar(s.charAt(at - 1))) {
                continue;
            }
            final int start = at + HUB_USER_PREFIX.length();
            final int logged = s.startsWith(LOGGED_IN, start) ? LOGGED_IN.length()
                    : s.startsWith(LOGGED_OUT, start) ? LOGGED_OUT.length() : 0;
            if (logged > 0) {
                report(s, start + logged, nameEnd(s, start + logged), out);
                continue;
            }
            final int end = nameEnd(s, start);
            if (s.startsWith(" from ", end)
                    && s.startsWith(" not allowed because ", nameEnd(s, end + " from ".length()))) {
                // sshd: "User NAME from 192.0.2.1 not allowed because not listed in AllowUsers"
                report(s, start, end, out);
                continue;
            }
            for (final String follower : HUB_USER_FOLLOWERS) {
                if (s.startsWith(follower, end)) {
                    report(s, start, end, out);
                    break;
                }
            }
        }
        for (int at = (triggers & HUB_SERVER) == 0 ? -1 : HUB_SERVER_SEARCH.next(s, 0); at >= 0; at = HUB_SERVER_SEARCH.next(s, at + 1)) {
            int start = at;
            while (start > 0 && at - start <= MAX_VALUE_LENGTH && !endsToken(s.charAt(start - 1))) {
                start--;
            }
            // Right after the logger's tag, "[I ... JupyterHub user:881] NAME's server": a name, not prose.
            if (start >= 2 && s.startsWith("] ", start - 2)) {
                report(s, start, at, out);
            }
        }
        for (int at = (triggers & HUB_CULL) == 0 ? -1 : HUB_CULL_SEARCH.next(s, 0); at >= 0; at = HUB_CULL_SEARCH.next(s, at + 1)) {
            final int start = at + HUB_CULL_PREFIX.length();
            report(s, start, nameEnd(s, start), out);
        }
        for (int at = (triggers & HUB_PROXY) == 0 ? -1 : HUB_PROXY_SEARCH.next(s, 0); at >= 0; at = HUB_PROXY_SEARCH.next(s, at + 1)) {
            // "Adding user NAME to proxy /user/NAME/ => ...", "Removing user NAME from proxy (/user/NAME/)".
            final int end = s.startsWith(" to", at - 3) ? at - 3 : s.startsWith(" from", at - 5) ? at - 5 : -1;
            if (end < 0 || at + PROXY.length() < s.length() && s.charAt(at + PROXY.length()) != ' ') {
                continue;
            }
            int start = end;
            while (start > 0 && end - start <= MAX_VALUE_LENGTH && s.charAt(start - 1) != ' ') {
                start--;
            }
            if (start >= HUB_PROXY_USER.length() && s.startsWith(HUB_PROXY_USER, start - HUB_PROXY_USER.length())
                    && (start == HUB_PROXY_USER.length()
                            || !isWordChar(s.charAt(start - HUB_PROXY_USER.length() - 1)))) {
                report(s, start, end, out);
            }
        }
    }

    /** sudo, su, systemd-logind, and a quoted name after the word user. */
    private static void unix(final String s, final long triggers, final List<Finding> out) {
        for (int at = (triggers & SUDO) == 0 ? -1 : SUDO_SEARCH.next(s, 0); at >= 0; at = SUDO_SEARCH.next(s, at + 1)) {
            // "sudo:    NAME : TTY=pts/0 ; PWD=/home/NAME ; USER=root ; COMMAND=/bin/ls"
            int start = at + "sudo:".length();
            while (start < s.length() && s.charAt(start) == ' ') {
                start++;
            }
            final int end = nameEnd(s, start);
            if (start > at + "sudo:".length() && (at == 0 || !isWordChar(s.charAt(at - 1)))
                    && s.startsWith(" : ", end)) {
                report(s, start, end, out);
            }
        }
        for (int at = (triggers & SU_BY) == 0 ? -1 : SU_BY_SEARCH.next(s, 0); at >= 0; at = SU_BY_SEARCH.next(s, at + 1)) {
            // "session opened for user root by NAME(uid=1000)"
            final int start = nameStart(s, at);
            if (start >= 4 && s.startsWith(" by ", start - 4)) {
                report(s, start, at, out);
            }
        }
        for (int at = (triggers & LOGIND) == 0 ? -1 : LOGIND_SEARCH.next(s, 0); at >= 0; at = LOGIND_SEARCH.next(s, at + 1)) {
            // systemd-logind: "New session 3 of user NAME."
            sessionUser(s, at + "New session ".length(), " of user ", out);
        }
        for (int at = (triggers & JENKINS) == 0 ? -1 : SESSION_OF_SEARCH.next(s, 0); at >= 0; at = SESSION_OF_SEARCH.next(s, at + 1)) {
            // systemd: "Started Session 5 of User NAME."
            sessionUser(s, at + "Session ".length(), " of User ", out);
        }
        for (int at = (triggers & QUOTED) == 0 ? -1 : QUOTED_SEARCH.next(s, 0); at >= 0; at = QUOTED_SEARCH.next(s, at + 1)) {
            // 'User "NAME" cannot list resource', 'for user "NAME"'
            final int word = at - 1;
            if (word < 0 || s.charAt(word) != 'u' && s.charAt(word) != 'U'
                    || word > 0 && isWordChar(s.charAt(word - 1))) {
                continue;
            }
            final int start = at + QUOTED_USER.length();
            final int close = indexOfWithin(s, '"', start, MAX_VALUE_LENGTH + 1);
            if (close > start && indexOfWithin(s, '\\', start, close - start) < 0) {
                report(s, start, close, out);
            }
        }
    }

    /**
     * The name of {@code <id> of user NAME.} whose session id (digits, or a letter and digits) starts at
     * {@code idStart}, without the sentence's period.
     */
    private static void sessionUser(final String s, final int idStart, final String ofUser,
            final List<Finding> out) {
        int id = idStart;
        while (id < s.length() && id - idStart < 16
                && (isDigit(s.charAt(id)) || s.charAt(id) >= 'a' && s.charAt(id) <= 'z')) {
            id++;
        }
        if (id == idStart || !s.startsWith(ofUser, id)) {
            return;
        }
        final int start = id + ofUser.length();
        int end = nameEnd(s, start);
        if (end == s.length() || s.charAt(end) == ' ') {
            while (end > start && s.charAt(end - 1) == '.') {
                end--;
            }
        }
        report(s, start, end, out);
    }

    /**
     * More of sshd, and cron, su, login, passwd, chage, polkit, shadow-utils and MySQL: {@code Connection closed by
     * authenticating user NAME 192.0.2.1 port 22 [preauth]}, {@code Disconnected from user NAME 192.0.2.1 port 22},
     * {@code maximum authentication attempts exceeded for NAME from}, {@code (NAME) CMD (...)},
     * {@code (to root) NAME on pts/0}, {@code FAILED LOGIN (1) on '/dev/tty1' FOR 'NAME'},
     * {@code password changed for NAME}, {@code password expiry for NAME}, {@code unix-user:NAME},
     * {@code delete user 'NAME'}, {@code add 'NAME' to group}, and a name in single quotes after the word user or
     * username: {@code Access denied for user 'NAME'@'host'}, {@code failed for username 'NAME'}.
     */
    private static void shadow(final String s, final long triggers, final List<Finding> out) {
        for (int at = (triggers & SSHD_CLOSED) == 0 ? -1 : AUTHENTICATING_SEARCH.next(s, 0); at >= 0; at = AUTHENTICATING_SEARCH.next(s, at + 1)) {
            sshdValue(s, at + "authenticating user ".length(), out);
        }
        for (int at = (triggers & SSHD_CLOSED) == 0 ? -1 : FROM_USER_SEARCH.next(s, 0); at >= 0; at = FROM_USER_SEARCH.next(s, at + 1)) {
            sshdValue(s, at + "Disconnected from user ".length(), out);
        }
        for (int at = (triggers & EXCEEDED) == 0 ? -1 : EXCEEDED_SEARCH.next(s, 0); at >= 0; at = EXCEEDED_SEARCH.next(s, at + 1)) {
            final int value = at + "attempts exceeded for ".length();
            sshdValue(s, s.startsWith("invalid user ", value) ? value + "invalid user ".length() : value, out);
        }
        for (int at = (triggers & SESSION) == 0 ? -1 : PASSWORD_FOR_SEARCH.next(s, 0); at >= 0; at = PASSWORD_FOR_SEARCH.next(s, at + 1)) {
            token(s, at + "password changed for ".length(), out);
        }
        for (int at = (triggers & SESSION) == 0 ? -1 : EXPIRY_FOR_SEARCH.next(s, 0); at >= 0; at = EXPIRY_FOR_SEARCH.next(s, at + 1)) {
            token(s, at + "password expiry for ".length(), out);
        }
        for (int at = (triggers & UNIX_USER) == 0 ? -1 : UNIX_USER_SEARCH.next(s, 0); at >= 0; at = UNIX_USER_SEARCH.next(s, at + 1)) {
            token(s, at + "unix-user:".length(), out);
        }
        for (int at = (triggers & CRON) == 0 ? -1 : CRON_SEARCH.next(s, 0); at >= 0; at = CRON_SEARCH.next(s, at + 1)) {
            int open = at - 1;
            while (open >= 0 && at - open <= MAX_VALUE_LENGTH + 1 && s.charAt(open) != '(' && s.charAt(open) != ' ') {
                open--;
            }
            if (open >= 0 && s.charAt(open) == '(') {
                report(s, open + 1, at, out);
            }
        }
        for (int at = (triggers & SU_TO) == 0 ? -1 : SU_TO_SEARCH.next(s, 0); at >= 0; at = SU_TO_SEARCH.next(s, at + 1)) {
            // su: "(to root) NAME on pts/0"
            final int close = indexOfWithin(s, ')', at, MAX_VALUE_LENGTH + 4);
            if (close > at && close + 1 < s.length() && s.charAt(close + 1) == ' ') {
                final int start = close + 2;
                final int end = nameEnd(s, start);
                if (s.startsWith(" on ", end)) {
                    report(s, start, end, out);
                }
            }
        }
        for (int at = (triggers & FAILED_LOGIN) == 0 ? -1 : FAILED_LOGIN_SEARCH.next(s, 0); at >= 0; at = FAILED_LOGIN_SEARCH.next(s, at + 1)) {
            // login: "FAILED LOGIN (1) on '/dev/tty1' FOR 'NAME', Authentication failure"
            for (int k = indexOfWithin(s, 'F', at + 1, 96); k > 0 && k - at < 96; k = indexOfWithin(s, 'F', k + 1, 96)) {
                if (s.startsWith("FOR '", k) && s.charAt(k - 1) == ' ') {
                    quotedValue(s, k + "FOR '".length(), '\'', out);
                    break;
                }
            }
        }
        for (int at = (triggers & SINGLE_QUOTED) == 0 ? -1 : SINGLE_QUOTED_SEARCH.next(s, 0); at >= 0; at = SINGLE_QUOTED_SEARCH.next(s, at + 1)) {
            // "for user 'NAME'@'host'", "for username 'NAME'", "delete user 'NAME'", "add 'NAME' to group"
            if (endsWithWord(s, at, "user") || endsWithWord(s, at, "username")) {
                quotedValue(s, at + 2, '\'', out);
            } else if (endsWithWord(s, at, "add")) {
                final int close = indexOfWithin(s, '\'', at + 2, MAX_VALUE_LENGTH + 1);
                if (close > at + 2 && s.startsWith(" to group", close + 1)) {
                    report(s, at + 2, close, out);
                }
            }
        }
    }

    /** A name that starts at {@code start} and that {@code quote} closes. */
    private static void quotedValue(final String s, final int start, final char quote,
            final List<Finding> out) {
        final int close = indexOfWithin(s, quote, start, MAX_VALUE_LENGTH + 1);
        if (close > start) {
            report(s, start, close, out);
        }
    }

    /**
     * Jenkins' {@code Started by user Jane Doe} (a display name: the rest of the text, if short), vsftpd's
     * {@code [jdoe] OK LOGIN:}, OpenVPN's {@code jdoe/192.0.2.1:1194 MULTI:}, an LDAP or TLS distinguished name's
     * {@code cn=Jane Doe,ou=people}.
     */
    private static void services(final String s, final long triggers, final List<Finding> out) {
        for (int at = (triggers & JENKINS) == 0 ? -1 : JENKINS_SEARCH.next(s, 0); at >= 0; at = JENKINS_SEARCH.next(s, at + 1)) {
            final int start = at + JENKINS_STARTED.length();
            int end = start;
            while (end < s.length() && end - start <= MAX_VALUE_LENGTH && s.charAt(end) != '\n'
                    && "\",;()[]{}<>\t".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '.')) {
                end--;
            }
            report(s, start, end, out);
        }
        for (final AnchoredLiteral search : VSFTPD_SEARCHES) {
            for (int at = (triggers & APACHE) == 0 ? -1 : search.next(s, 0); at >= 0; at = search.next(s, at + 1)) {
                // "[pid 1234] [jdoe] OK LOGIN: Client ..." : an upper-case verb and a colon after OK or FAIL.
                int verb = at + search.literal().length();
                final int verbStart = verb;
                while (verb < s.length() && s.charAt(verb) >= 'A' && s.charAt(verb) <= 'Z') {
                    verb++;
                }
                int open = at - 1;
                while (open >= 0 && at - open <= MAX_VALUE_LENGTH + 1 && s.charAt(open) != '['
                        && s.charAt(open) != ' ') {
                    open--;
                }
                if (verb > verbStart && verb < s.length() && s.charAt(verb) == ':' && open >= 0
                        && s.charAt(open) == '[') {
                    report(s, open + 1, at, out);
                }
            }
        }
        for (int at = (triggers & TriggerBigrams.SLASH_DIGIT) == 0 ? -1 : s.indexOf('/'); at >= 0; at = s.indexOf('/', at + 1)) {
            openVpnPeer(s, at, out);
        }
        for (int eq = (triggers & DN) == 0 ? -1 : s.indexOf("n=", 0); eq >= 0; eq = s.indexOf("n=", eq + 1)) {
            distinguishedName(s, eq - 1, out);
        }
        for (int eq = (triggers & DN) == 0 ? -1 : s.indexOf("N=", 0); eq >= 0; eq = s.indexOf("N=", eq + 1)) {
            distinguishedName(s, eq - 1, out);
        }
    }

    /** {@code NAME/192.0.2.1:1194 } after a blank: how an OpenVPN server names a client, by name and address. */
    private static void openVpnPeer(final String s, final int slash, final List<Finding> out) {
        int quad = slash + 1;
        while (quad < s.length() && quad - slash <= 15 && (isDigit(s.charAt(quad)) || s.charAt(quad) == '.')) {
            quad++;
        }
        if (!dottedQuad(s, slash + 1, quad) || quad >= s.length() || s.charAt(quad) != ':') {
            return;
        }
        int port = quad + 1;
        while (port < s.length() && isDigit(s.charAt(port))) {
            port++;
        }
        if (port == quad + 1 || port < s.length() && s.charAt(port) != ' ') {
            return;
        }
        int start = slash;
        while (start > 0 && slash - start <= MAX_VALUE_LENGTH && s.charAt(start - 1) != ' '
                && s.charAt(start - 1) != '/') {
            start--;
        }
        if (start == 0 || s.charAt(start - 1) == ' ') {
            report(s, start, slash, out);
        }
    }

    /** {@code cn=VALUE,ou=...} (any case) whose {@code c} is at {@code at}, after a separator. */
    private static void distinguishedName(final String s, final int at, final List<Finding> out) {
        if (at < 0 || (s.charAt(at) | 0x20) != 'c' || at > 0 && (isWordChar(s.charAt(at - 1)) || s.charAt(at - 1) == '.')) {
            return;
        }
        final int start = at + 3;
        final int comma = indexOfWithin(s, ',', start, MAX_VALUE_LENGTH + 1);
        if (comma <= start) {
            return;
        }
        for (int k = start; k < comma; k++) {
            if (s.charAt(k) == '=' || s.charAt(k) == '"' || s.charAt(k) == '\n') {
                return;
            }
        }
        for (final String parent : DN_PARENTS) {
            if (s.regionMatches(true, comma + 1, parent, 0, parent.length())) {
                report(s, start, comma, out);
                return;
            }
        }
    }

    /** Whether a database name and one of PostgreSQL's severities start at {@code i}: {@code appdb FATAL:}. */
    private static boolean postgresPrefixAt(final String s, final int i) {
        int end = i;
        while (end < s.length() && end - i <= MAX_VALUE_LENGTH && (isWordChar(s.charAt(end)) || s.charAt(end) == '-')) {
            end++;
        }
        if (end == i || end + 1 >= s.length() || s.charAt(end) != ' ') {
            return false;
        }
        int level = end + 1;
        while (level < s.length() && s.charAt(level) == ' ') {
            level++;
        }
        for (final String severity : POSTGRES_LEVELS) {
            if (s.startsWith(severity, level)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name that ends at the {@code @} at {@code at}: back to a blank, a bracket, a quote, {@code =} or
     * {@code /}; none if an {@code @} or a {@code :} comes first ({@code a@example.org@10.0.0.1}).
     */
    private static void nameBeforeAt(final String s, final int at, final List<Finding> out) {
        final int start = nameStart(s, at);
        if (start > 0 && (s.charAt(start - 1) == '@' || s.charAt(start - 1) == ':')) {
            // An email's domain, or a password in user:password@host: the email and secret detectors' findings.
            return;
        }
        report(s, start, at, out);
    }

    /** Where a name that ends at {@code end} starts: back to what {@link #endsName} stops at, or the bound. */
    private static int nameStart(final String s, final int end) {
        int start = end;
        while (start > 0 && end - start <= MAX_VALUE_LENGTH && !endsName(s.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean endsName(final char c) {
        return endsToken(c) || c == '(' || c == '[' || c == '{' || c == '=' || c == '/' || c == '@' || c == ':';
    }

    /**
     * Whether an address starts at {@code i}: four dotted numbers (a port may follow), or IPv6 in brackets or bare
     * (hexadecimal digits with {@code ::} or seven colons, an embedded IPv4 address allowed: {@code ::ffff:10.0.0.1}),
     * and then a character that cannot go on a word. A time ({@code @12:30:00}) is not one.
     */
    static boolean addressAt(final String s, final int i) {
        final int n = s.length();
        if (i < n && s.charAt(i) == '[') {
            final int close = indexOfWithin(s, ']', i, 48);
            return close > i + 2 && ipv6(s, i + 1, close);
        }
        int quad = i;
        while (quad < n && quad - i < 15 && (isDigit(s.charAt(quad)) || s.charAt(quad) == '.')) {
            quad++;
        }
        if (dottedQuad(s, i, quad) && !goesOn(s, quad)) {
            return true;
        }
        int end = i;
        while (end < n && end - i <= 45 && (isHex(s.charAt(end)) || s.charAt(end) == ':' || s.charAt(end) == '.')) {
            end++;
        }
        return !goesOn(s, end) && ipv6(s, i, end);
    }

    /** Whether a word goes on at {@code i}: a letter, a digit, {@code _}, or a dot before one. */
    private static boolean goesOn(final String s, final int i) {
        if (i >= s.length()) {
            return false;
        }
        final char c = s.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_'
                || c == '.' && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1));
    }

    private static boolean ipv6(final String s, final int from, final int to) {
        int colons = 0;
        int lastColon = from - 1;
        boolean compressed = false;
        for (int k = from; k < to; k++) {
            final char c = s.charAt(k);
            if (c == ':') {
                compressed |= k > from && s.charAt(k - 1) == ':';
                colons++;
                lastColon = k;
            } else if (c == '.') {
                // An embedded IPv4 address ends it: ::ffff:10.131.0.1.
                return (compressed || colons == 6) && dottedQuad(s, lastColon + 1, to);
            } else if (!isHex(c)) {
                return false;
            }
        }
        return compressed || colons == 7;
    }

    private static boolean dottedQuad(final String s, final int from, final int to) {
        int dots = 0;
        int digits = 0;
        for (int k = from; k < to; k++) {
            final char c = s.charAt(k);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (isDigit(c) && digits < 3) {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    /** The first {@code c} among the {@code max} characters from {@code from}, or -1: a bounded read. */
    private static int indexOfWithin(final String s, final char c, final int from, final int max) {
        final int to = Math.min(s.length(), from + max);
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == c) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isHex(final char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** The end of a name that starts at {@code start}: a token, without a possessive {@code 's}. */
    private static int nameEnd(final String s, final int start) {
        int end = start;
        while (end < s.length() && end - start <= MAX_VALUE_LENGTH && !endsToken(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The sshd phrases. */
    private static void sshd(final String s, final long triggers, final List<Finding> out) {
        for (int at = (triggers & SSHD_METHOD) == 0 ? -1 : FOR_SEARCH.next(s, 0); at >= 0; at = FOR_SEARCH.next(s, at + 1)) {
            if (methodBefore(s, at)) {
                int value = at + FOR.length();
                if (s.startsWith("invalid user ", value)) {
                    value += "invalid user ".length();
                } else if (s.startsWith("user ", value)) {
                    value += "user ".length();
                }
                sshdValue(s, value, out);
            }
        }
        for (int at = (triggers & INVALID) == 0 ? -1 : INVALID_USER_SEARCH.next(s, 0); at > 0; at = INVALID_USER_SEARCH.next(s, at + 1)) {
            final char i = s.charAt(at - 1);
            if ((i == 'I' || i == 'i') && (at == 1 || !isWordChar(s.charAt(at - 2)))) {
                sshdValue(s, at + INVALID_USER.length(), out);
            }
        }
        for (int at = (triggers & SESSION) == 0 ? -1 : FOR_USER_SEARCH.next(s, 0); at >= 0; at = FOR_USER_SEARCH.next(s, at + 1)) {
            if ((at == 0 || !isWordChar(s.charAt(at - 1))) && s.lastIndexOf("session ", at) >= Math.max(0, at - 24)) {
                sshdValue(s, at + FOR_USER.length(), out);
            }
        }
    }

    /** Whether {@code Failed <method>} or {@code Accepted <method>} ends at {@code at}. */
    private static boolean methodBefore(final String s, final int at) {
        int start = at;
        while (start > 0 && at - start <= MAX_METHOD && isMethodChar(s.charAt(start - 1))) {
            start--;
        }
        if (start == at || start == 0 || s.charAt(start - 1) != ' ') {
            return false;
        }
        return endsWithWord(s, start - 1, "Failed") || endsWithWord(s, start - 1, "Accepted")
                || endsWithWord(s, start - 1, "Postponed");
    }

    private static boolean endsWithWord(final String s, final int end, final String word) {
        final int start = end - word.length();
        return start >= 0 && s.startsWith(word, start) && (start == 0 || !isWordChar(s.charAt(start - 1)));
    }

    private static boolean isMethodChar(final char c) {
        return c >= 'a' && c <= 'z' || c == '-' || c == '/';
    }

    /**
     * An sshd user name: a run of non-blank characters that the end or what sshd writes next follows ({@code from},
     * {@code by}, {@code port}, {@code [preauth]}, an address).
     */
    private static void sshdValue(final String s, final int start, final List<Finding> out) {
        int end = start;
        while (end < s.length() && end - start <= MAX_VALUE_LENGTH && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        if (end == s.length() || s.startsWith(" from ", end) || s.startsWith(" by ", end)
                || s.startsWith(" port ", end) || s.startsWith(" [preauth]", end)
                || end + 1 < s.length() && s.charAt(end) == ' ' && isDigit(s.charAt(end + 1))) {
            report(s, start, end, out);
        }
    }

    /** A value without blanks that {@code terminator} ends. */
    private static void until(final String s, final int start, final char terminator, final List<Finding> out) {
        int end = start;
        while (end < s.length() && end - start <= MAX_VALUE_LENGTH && s.charAt(end) != terminator
                && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        if (end < s.length() && s.charAt(end) == terminator) {
            report(s, start, end, out);
        }
    }

    /** A value up to whitespace or a separator. */
    private static void token(final String s, final int start, final List<Finding> out) {
        int end = start;
        while (end < s.length() && end - start <= MAX_VALUE_LENGTH && !endsToken(s.charAt(end))) {
            end++;
        }
        report(s, start, end, out);
    }

    /** A path segment up to {@code /} or an end of the path. */
    private static void pathSegment(final String s, final int start, final List<Finding> out) {
        int end = start;
        while (end < s.length() && end - start <= MAX_VALUE_LENGTH && s.charAt(end) != '/'
                && !endsToken(s.charAt(end)) && s.charAt(end) != ':') {
            end++;
        }
        report(s, start, end, out);
    }

    /** {@code HOST IDENT USER [dd/Mon/yyyy:}, where IDENT is {@code -} as nearly every server writes it. */
    private static void clfUser(final String s, final int open, final List<Finding> out) {
        final int date = open + CLF_OPEN.length();
        final boolean clfDate = date + 7 <= s.length() && isDigit(s.charAt(date)) && isDigit(s.charAt(date + 1))
                && s.charAt(date + 2) == '/' && Character.isLetter(s.charAt(date + 3)) && s.charAt(date + 6) == '/';
        // oauth2-proxy's auth log: "192.0.2.1:5678 - 0a1b2c - NAME [2026/12/07 10:00:01] [AuthSuccess]"
        final boolean isoDate = date + 10 <= s.length() && isDigit(s.charAt(date)) && isDigit(s.charAt(date + 3))
                && s.charAt(date + 4) == '/' && isDigit(s.charAt(date + 5)) && s.charAt(date + 7) == '/'
                && isDigit(s.charAt(date + 8));
        if (!clfDate && !isoDate) {
            return;
        }
        int start = open;
        while (start > 0 && open - start <= MAX_VALUE_LENGTH && s.charAt(start - 1) != ' ') {
            start--;
        }
        if (start < 3 || s.charAt(start - 1) != ' ' || s.charAt(start - 2) != '-' || s.charAt(start - 3) != ' '
                || start - 3 == 0 || s.charAt(start - 4) == ' ') {
            return;
        }
        report(s, start, open, out);
    }

    /** {@code user-NAME}, a DNS label, after a separator. */
    private static void namespace(final String s, final int at, final List<Finding> out) {
        if (at > 0) {
            final char before = s.charAt(at - 1);
            if (isWordChar(before) || before == '-' || s.startsWith("serviceaccount:", at - 15)) {
                return;
            }
        }
        final int start = at + NAMESPACE.length();
        int end = start;
        while (end < s.length() && end - start < 63 && isLabelChar(s.charAt(end))) {
            end++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        if (end == start || end < s.length() && (isWordChar(s.charAt(end)) || s.charAt(end) == '-')) {
            return;
        }
        final String value = s.substring(start, end);
        if (NOT_NAMESPACES.contains(value)) {
            return;
        }
        report(s, start, end, out);
    }

    private static void report(final String s, final int start, final int end, final List<Finding> out) {
        if (end <= start || end - start > MAX_VALUE_LENGTH) {
            return;
        }
        final String value = s.substring(start, end);
        if (value.equals("-") || value.indexOf('@') >= 0 || PlatformUsers.isPlatformUser(value)
                || !hasLetter(value)) {
            return;
        }
        out.add(new Finding(FindingType.USERNAME, start, end));
    }

    private static boolean endsToken(final char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || c == ';' || c == '&' || c == ')'
                || c == ']' || c == '}' || c == '<' || c == '>';
    }

    private static boolean hasLetter(final String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetter(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLabelChar(final char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
