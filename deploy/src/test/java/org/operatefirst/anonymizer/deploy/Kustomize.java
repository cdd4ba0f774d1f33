package org.operatefirst.anonymizer.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomize directory the way an operator does: {@code kubectl kustomize DIR}. A developer machine
 * without kubectl gets a failure that says how to install it; {@code -Dkustomize.command="kustomize build"} runs
 * a standalone kustomize instead.
 */
final class Kustomize {

    /** The command, split on spaces; the directory is appended. */
    private static final String COMMAND = System.getProperty("kustomize.command", "kubectl kustomize");
    private static final long TIMEOUT_SECONDS = 120;
    /** Rendered overlays are a few hundred kilobytes; anything far larger is a mistake. */
    private static final int MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

    private Kustomize() {
    }

    /**
     * Renders a directory.
     *
     * @param directory a directory with a {@code kustomization.yaml}
     * @return the rendered YAML stream
     * @throws IllegalStateException if the command is missing, fails or times out, with its error output
     */
    static String render(final Path directory) {
        final List<String> command = new ArrayList<>(List.of(COMMAND.trim().split(" +")));
        requireOnPath(command.get(0));
        command.add(directory.toAbsolutePath().normalize().toString());
        try {
            final Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            final CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            final CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with status "
                        + process.exitValue() + ":\n" + err.join());
            }
            return out.join();
        } catch (final IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static void requireOnPath(final String program) {
        if (program.contains("/")) {
            return;
        }
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new IllegalStateException("The deployment checks render the manifests with '" + COMMAND
                + "', but '" + program + "' is not on the PATH. Install kubectl (Debian: apt-get install kubectl;"
                + " .ci/run does this), or point -Dkustomize.command at a kustomize, for example"
                + " -Dkustomize.command=\"kustomize build\".");
    }

    private static String read(final InputStream stream) {
        try (stream) {
            final byte[] bytes = stream.readNBytes(MAX_OUTPUT_BYTES + 1);
            if (bytes.length > MAX_OUTPUT_BYTES) {
                throw new IllegalStateException("kustomize printed more than " + MAX_OUTPUT_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new IllegalStateException("could not read kustomize's output: " + e.getMessage(), e);
        }
    }
}
