package org.operatefirst.anonymizer.publisher.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anonymizer pseudonym}: prints the pseudonym of one known value under a tier's key, in the forms it takes
 * in the data, so that an operator can find one user's records without re-identifying anyone else. It reads the
 * identity directory of {@code --identities} only, never the {@code identities} topic, and says so in its help.
 */
@Command(name = "pseudonym", mixinStandardHelpOptions = true,
        description = {"Prints the pseudonym of a known email address, user name or IP address, as it appears in",
            "the given tier: plain, and for users also percent-encoded and as KubeSpawner writes it in pod names.",
            "With --identities, any identifier of a listed person prints that person's pseudonym.",
            "It does not read the identities topic: for a person the service knows from that topic only, or",
            "re-keyed there, the pseudonym printed is not the one in the data; export the topic to a file",
            "and pass it with --identities."})
final class PseudonymCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ScrubberOptions options;

    @Parameters(paramLabel = "VALUE",
            description = "An email address, user name, display name (with --identities) or IP address.")
    private String value;

    @Override
    public Integer call() {
        final Scrubber scrubber = options.scrubber(options.loadSecret(spec.commandLine()));
        final Pseudonymizer pseudonymizer = scrubber.pseudonymizer();
        final PrintWriter out = spec.commandLine().getOut();
        final String trimmed = value.strip();
        if (trimmed.indexOf('@') > 0) {
            final String email = pseudonymizer.email(trimmed).orElse(null);
            if (email == null) {
                return notAValue(trimmed);
            }
            out.println(email);
            out.println("percent-encoded:  " + email.replace("@", "%40"));
            out.println("in pod names:     " + KubeSpawnerEscape.escape(email));
            out.println("safe pod names:   " + KubeSpawnerSafeSlug.slug(email, KubeSpawnerSafeSlug.Form.NAME));
        } else if (pseudonymizer.ipv4(trimmed).isPresent()) {
            out.println(pseudonymizer.ipv4(trimmed).get());
        } else if (trimmed.indexOf(':') >= 0) {
            final String address = pseudonymizer.ipv6(trimmed).orElse(null);
            if (address == null) {
                return notAValue(trimmed);
            }
            out.println(address);
        } else if (!trimmed.isEmpty()) {
            final String username = pseudonymizer.username(trimmed);
            out.println(username);
            out.println("in pod names:     " + KubeSpawnerEscape.escape(username));
        } else {
            return notAValue(trimmed);
        }
        out.flush();
        return 0;
    }

    private int notAValue(final String text) {
        spec.commandLine().getErr().println("anonymizer pseudonym: '" + text
                + "' is not an email address, user name or IP address");
        return 1;
    }
}
