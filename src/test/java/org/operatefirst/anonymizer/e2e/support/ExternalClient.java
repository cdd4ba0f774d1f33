package org.operatefirst.anonymizer.e2e.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real collectors' binaries the ingest tests drive ({@code curl}, {@code prometheus}, {@code kcat}). In
 * CI (the environment variable {@code CI} is set, as {@code .ci/run} does, which also installs them) a missing
 * binary fails the test with a message saying how to install it; on a developer machine the test is skipped with
 * that message instead, so the rest of the suite still runs.
 */
public final class ExternalClient {

    private ExternalClient() {
    }

    /**
     * Finds a binary on the {@code PATH}.
     *
     * @param name    the binary, for example {@code prometheus}
     * @param install how to install it, for the message
     * @return its path
     */
    public static Path require(final String name, final String install) {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String directory : path.split(File.pathSeparator)) {
            final Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        final String message = "'" + name + "' is not on the PATH; install it with: " + install;
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message + " (test skipped outside CI)");
        throw new IllegalStateException("unreachable");
    }
}
