package org.operatefirst.anonymizer.publisher.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.operatefirst.anonymizer.publisher.policy.DataPolicy;
import org.operatefirst.anonymizer.publisher.policy.PolicyFile;
import org.operatefirst.anonymizer.publisher.topology.IdentitiesTable;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that build a scrubber outside the service: tier, key, epoch, policy and identity directory. Shared by
 * {@code scrub}
 * and {@code pseudonym}, so both compute exactly what the service computes for the same key and policy.
 */
final class ScrubberOptions {

    /** The sanitized tier's keys never rotate; the same constant as the service's. */
    static final int SANITIZED_EPOCH = 0;

    @Option(names = "--tier", paramLabel = "TIER", defaultValue = "public",
            converter = TierConverter.class,
            description = "sanitized or public (default: ${DEFAULT-VALUE}).")
    Tier tier;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The master secret: at least 32 random bytes, raw or base64.")
    Path secretFile;

    @Option(names = "--epoch", paramLabel = "N", defaultValue = "2026",
            description = "Release epoch of the public tier's keys (default: ${DEFAULT-VALUE}).")
    int epoch;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "The data policy file (default: the bundled default policy).")
    Path policyFile;

    @Option(names = "--identities", paramLabel = "FILE",
            description = {"The identity directory: one person per line, identifiers (user name, email, display "
                + "name) separated by tabs; all of a person's identifiers get the person's one pseudonym."})
    Path identitiesFile;

    /** The scrubbing part of the policy the last {@link #scrubber} was built with. */
    private ScrubPolicy scrubPolicy;

    /**
     * The scrubbing part of the policy, once {@link #scrubber} has loaded it.
     *
     * @return the policy
     */
    ScrubPolicy scrubPolicy() {
        if (scrubPolicy == null) {
            throw new IllegalStateException("no scrubber built yet");
        }
        return scrubPolicy;
    }

    /**
     * Builds the scrubber.
     *
     * @param secret the master secret
     * @return the scrubber of the chosen tier
     */
    Scrubber scrubber(final MasterSecret secret) {
        return scrubber(secret, List.of());
    }

    /**
     * Builds the scrubber with the people of the {@code identities} topic added to the directory file, as the
     * service does.
     *
     * @param secret      the master secret
     * @param topicPeople each person's directory line from the topic, in the table's key order
     * @return the scrubber of the chosen tier
     */
    Scrubber scrubber(final MasterSecret secret, final List<String> topicPeople) {
        final DataPolicy policy = policyFile == null
                ? PolicyFile.defaultDataPolicy()
                : PolicyFile.loadDataPolicy(policyFile);
        scrubPolicy = policy.scrub();
        // --identities wins over the policy's identities.file.
        final Optional<Path> identities = identitiesFile == null ? policy.identitiesFile()
                : Optional.of(identitiesFile);
        final IdentityDirectory directory;
        if (topicPeople.isEmpty()) {
            directory = identities.map(IdentityDirectory::load).orElse(IdentityDirectory.empty());
        } else {
            final byte[] base;
            try {
                base = identities.isPresent() ? Files.readAllBytes(identities.get()) : new byte[0];
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read the identity directory " + identities.get() + ": "
                        + e.getMessage(), e);
            }
            directory = IdentityDirectory.parse(IdentitiesTable.combined(base, topicPeople),
                    identities.map(path -> path + " and the identities topic").orElse("the identities topic"));
        }
        return Scrubber.create(secret, tier, tier == Tier.PUBLIC ? epoch : SANITIZED_EPOCH, policy.scrub(),
                directory);
    }

    /**
     * Loads the master secret from {@code --secret-file}.
     *
     * @param commandLine for the error message
     * @return the secret
     * @throws CommandLine.ParameterException if no file was given
     */
    MasterSecret loadSecret(final CommandLine commandLine) {
        if (secretFile == null) {
            throw new CommandLine.ParameterException(commandLine, "Missing --secret-file");
        }
        try {
            return MasterSecret.load(secretFile);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the secret file " + secretFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A random secret that lives only in this process, with a warning that its pseudonyms cannot be reproduced.
     *
     * @param err where the warning goes
     * @return the secret
     */
    static MasterSecret ephemeralSecret(final PrintWriter err) {
        final byte[] secret = new byte[MasterSecret.MIN_LENGTH];
        new SecureRandom().nextBytes(secret);
        err.println("anonymizer: warning: using a random key for this run only; its pseudonyms match no other run");
        err.flush();
        return MasterSecret.of(secret);
    }

    /** Parses a tier name, ignoring case. */
    static final class TierConverter implements CommandLine.ITypeConverter<Tier> {
        @Override
        public Tier convert(final String value) {
            return Tier.fromLabel(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a tier: use sanitized or public"));
        }
    }
}
