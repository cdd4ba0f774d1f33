package org.operatefirst.anonymizer.ingest.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens of the collectors allowed to send data, one per collector, read once at start-up.
 *
 * <p>File format, UTF-8: one {@code collector-name<TAB>token} per line (any run of blanks separates them);
 * blank lines and lines starting with {@code #} are ignored. Names are {@code [A-Za-z0-9._-]}, at most 64
 * characters, and unique; tokens are at least {@value #MIN_TOKEN_LENGTH} characters and unique. Errors name the
 * line, never a token.
 *
 * <p>Only SHA-256 digests of the tokens are kept. A presented token is hashed and compared with every digest
 * with {@link MessageDigest#isEqual}, without stopping at a match, so the time taken tells nothing about which
 * token, or how much of one, matched. Immutable and thread-safe.
 */
public final class CollectorTokens {

    /** The shortest token accepted: 128 bits of a base64 or hex secret. */
    public static final int MIN_TOKEN_LENGTH = 22;

    private static final int MAX_NAME_LENGTH = 64;

    private final List<String> names;
    private final List<byte[]> digests;

    private CollectorTokens(final List<String> names, final List<byte[]> digests) {
        this.names = List.copyOf(names);
        this.digests = List.copyOf(digests);
    }

    /**
     * No tokens at all.
     *
     * @return an empty set of tokens
     */
    public static CollectorTokens none() {
        return new CollectorTokens(List.of(), List.of());
    }

    /**
     * Reads a tokens file.
     *
     * @param file the file
     * @return the tokens
     * @throws IllegalArgumentException if the file cannot be read or a line is malformed, naming the line
     */
    public static CollectorTokens read(final Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new IllegalArgumentException("anonymizer.ingest.tokens-file: cannot read " + file + ": "
                    + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    /**
     * Parses the lines of a tokens file.
     *
     * @param lines  the lines
     * @param source where they come from, for error messages
     * @return the tokens
     * @throws IllegalArgumentException if a line is malformed, naming the line
     */
    public static CollectorTokens parse(final List<String> lines, final String source) {
        final List<String> names = new ArrayList<>();
        final List<byte[]> digests = new ArrayList<>();
        final Set<String> seenNames = new HashSet<>();
        final Set<String> seenDigests = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String where = "anonymizer.ingest.tokens-file " + source + " line " + (i + 1);
            int split = 0;
            while (split < line.length() && !Character.isWhitespace(line.charAt(split))) {
                split++;
            }
            final String name = line.substring(0, split);
            final String token = line.substring(split).strip();
            if (!isName(name)) {
                throw new IllegalArgumentException(where + ": the collector name must be 1 to " + MAX_NAME_LENGTH
                        + " characters of A-Z, a-z, 0-9, '.', '_' and '-'");
            }
            if (token.length() < MIN_TOKEN_LENGTH || containsWhitespace(token)) {
                throw new IllegalArgumentException(where + ": the token of collector " + name + " must be one word "
                        + "of at least " + MIN_TOKEN_LENGTH + " characters");
            }
            if (!seenNames.add(name)) {
                throw new IllegalArgumentException(where + ": collector " + name + " appears twice");
            }
            final byte[] digest = sha256(token);
            if (!seenDigests.add(HexFormat.of().formatHex(digest))) {
                throw new IllegalArgumentException(where + ": collector " + name
                        + " has the same token as another collector");
            }
            names.add(name);
            digests.add(digest);
        }
        return new CollectorTokens(names, digests);
    }

    /** {@return whether no token is configured} */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** {@return how many collectors have a token} */
    public int size() {
        return names.size();
    }

    /**
     * Finds the collector a token belongs to, in time that does not depend on which token matches.
     *
     * @param token the presented token
     * @return the collector's name, or empty if no token matches
     */
    public Optional<String> collector(final String token) {
        final byte[] presented = sha256(token);
        int match = -1;
        for (int i = 0; i < digests.size(); i++) {
            final boolean equal = MessageDigest.isEqual(presented, digests.get(i));
            match = equal ? i : match;
        }
        return match < 0 ? Optional.empty() : Optional.of(names.get(match));
    }

    private static boolean isName(final String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsWhitespace(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(final String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
