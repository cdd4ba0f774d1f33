package org.operatefirst.anonymizer.scrubbers.pseudonym;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The one secret from which every pseudonymization key is derived, so that operators keep and rotate a single
 * value. Each key is derived with HKDF-SHA-256 (RFC 5869): extract with an empty salt, then expand to
 * {@value #DERIVED_KEY_LENGTH} bytes with the info string
 * {@code anonymizer/v1|tier=<tier>|epoch=<epoch>|purpose=<purpose>}, for example
 * {@code anonymizer/v1|tier=public|epoch=2026|purpose=ip}. Keys for different tiers, epochs or purposes are
 * therefore independent: publishing pseudonyms of one says nothing about another. The info string is a
 * compatibility contract: changing it changes every pseudonym.
 *
 * <h2>Key file format</h2>
 * A key file holds the secret either as base64 text or as raw bytes, and is read as follows:
 * <ol>
 *   <li>The file may be at most {@value #MAX_FILE_LENGTH} bytes long.</li>
 *   <li>One trailing line ending ({@code \n} or {@code \r\n}) is removed.</li>
 *   <li>If what remains is valid base64 (RFC 4648 standard alphabet, padding optional, no whitespace) that decodes
 *       to at least {@value #MIN_LENGTH} bytes, the secret is the decoded bytes.</li>
 *   <li>Otherwise the secret is what remains, byte for byte, and must be at least {@value #MIN_LENGTH} bytes.</li>
 * </ol>
 * {@link #generate(Path)} writes {@value #MIN_LENGTH} random bytes as one line of padded base64, the same as
 * {@code openssl rand -base64 32}.
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} never shows key material.
 */
public final class MasterSecret {

    /** The shortest master secret accepted, in bytes. */
    public static final int MIN_LENGTH = 32;

    /** The length of every derived key, in bytes. */
    public static final int DERIVED_KEY_LENGTH = 32;

    /** The largest key file accepted, in bytes: guards against pointing the loader at a device or a log. */
    public static final int MAX_FILE_LENGTH = 4096;

    private static final String INFO_VERSION = "anonymizer/v1";
    private static final int MAX_TIER_LENGTH = 63;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** HKDF-Extract of the master secret: all that derivation needs, so the secret itself is not kept. */
    private final byte[] pseudorandomKey;

    private MasterSecret(byte[] secret) {
        this.pseudorandomKey = Hkdf.extract(null, secret);
    }

    /** What a derived key is for. Each purpose gets its own key, so one key is never used for two algorithms. */
    public enum Purpose {
        /** HMAC key for pseudonyms of people: user names, email local parts, other personal identifiers. */
        IDENTITY("identity"),
        /** HMAC key for pseudonyms of email and host domains. */
        DOMAIN("domain"),
        /** Crypto-PAn key for prefix-preserving IP address anonymization. */
        IP("ip"),
        /** HMAC key of the keyed permutation of MAC addresses ({@link MacPermutation}). */
        MAC("mac");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }

        /**
         * The name used in the derivation info string. Part of the compatibility contract: never change it.
         *
         * @return the label, for example {@code ip}
         */
        String label() {
            return label;
        }
    }

    /**
     * Wraps a secret held in memory.
     *
     * @param secret at least {@value #MIN_LENGTH} bytes; copied, not retained
     * @return the master secret
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_LENGTH} bytes
     */
    public static MasterSecret of(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "a master secret needs at least " + MIN_LENGTH + " bytes, got " + secret.length);
        }
        return new MasterSecret(secret);
    }

    /**
     * Loads a master secret from a key file in the format described in the class documentation.
     *
     * @param file the key file
     * @return the master secret
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the file is too large or holds fewer than {@value #MIN_LENGTH} bytes
     *                                  of secret; the message names the file and never shows its content
     */
    public static MasterSecret load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_FILE_LENGTH + 1);
        }
        byte[] secret = null;
        try {
            if (content.length > MAX_FILE_LENGTH) {
                throw new IllegalArgumentException("key file " + file + " is larger than " + MAX_FILE_LENGTH
                        + " bytes; a master secret file holds base64 text or raw bytes of at least "
                        + MIN_LENGTH + " bytes");
            }
            secret = secretFromFileContent(content);
            if (secret.length < MIN_LENGTH) {
                throw new IllegalArgumentException("key file " + file + " holds " + secret.length
                        + " bytes of secret; a master secret needs at least " + MIN_LENGTH
                        + " bytes (raw, or base64 text that decodes to at least " + MIN_LENGTH + " bytes)");
            }
            return new MasterSecret(secret);
        } finally {
            Arrays.fill(content, (byte) 0);
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    /**
     * Generates a random master secret of {@value #MIN_LENGTH} bytes with {@link SecureRandom} and writes it to a
     * new key file as one line of base64. Where the file system supports POSIX permissions the file is created
     * readable and writable by its owner only. An existing file is never overwritten: replacing a key would
     * change every pseudonym.
     *
     * @param file the key file to create; its parent directory must exist
     * @return the generated master secret
     * @throws FileAlreadyExistsException if the file exists
     * @throws IOException                if the file cannot be created or written; a partly written file is
     *                                    removed
     */
    public static MasterSecret generate(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] secret = new byte[MIN_LENGTH];
        RANDOM.nextBytes(secret);
        byte[] text = (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(US_ASCII);
        try {
            writeOwnerOnly(file, text);
            return new MasterSecret(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Derives the key for one tier, release epoch and purpose.
     *
     * @param tier    the publication tier, for example {@code public}: 1 to 63 characters of {@code a-z},
     *                {@code 0-9} and {@code -}
     * @param epoch   the release epoch, for example {@code 2026}; not negative
     * @param purpose what the key is for
     * @return a new array of {@value #DERIVED_KEY_LENGTH} bytes; the caller may clear it after use
     * @throws IllegalArgumentException if the tier or epoch is invalid
     */
    public byte[] deriveKey(String tier, int epoch, Purpose purpose) {
        return Hkdf.expand(pseudorandomKey, info(tier, epoch, purpose).getBytes(UTF_8), DERIVED_KEY_LENGTH);
    }

    /**
     * Describes this object without any key material.
     *
     * @return a fixed string
     */
    @Override
    public String toString() {
        return "MasterSecret[redacted]";
    }

    /** The HKDF info string for one derived key. */
    static String info(String tier, int epoch, Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        checkTier(tier);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
        }
        return INFO_VERSION + "|tier=" + tier + "|epoch=" + epoch + "|purpose=" + purpose.label();
    }

    /** Applies the key file format: strip one line ending, then base64 if it decodes to enough bytes, else raw. */
    static byte[] secretFromFileContent(byte[] content) {
        int end = content.length;
        if (end > 0 && content[end - 1] == '\n') {
            end--;
            if (end > 0 && content[end - 1] == '\r') {
                end--;
            }
        }
        byte[] trimmed = Arrays.copyOf(content, end);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            // Deliberately dropped: the decoder's message quotes the offending character of the secret.
            return trimmed;
        }
        if (decoded.length >= MIN_LENGTH) {
            Arrays.fill(trimmed, (byte) 0);
            return decoded;
        }
        Arrays.fill(decoded, (byte) 0);
        return trimmed;
    }

    private static void checkTier(String tier) {
        Objects.requireNonNull(tier, "tier");
        boolean valid = !tier.isEmpty() && tier.length() <= MAX_TIER_LENGTH;
        for (int i = 0; valid && i < tier.length(); i++) {
            char c = tier.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }
        if (!valid) {
            throw new IllegalArgumentException("tier must be 1 to " + MAX_TIER_LENGTH
                    + " characters of a-z, 0-9 and '-', got \"" + tier + "\"");
        }
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> ownerOnly =
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(ownerOnly)}
                : new FileAttribute<?>[0];
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean written = false;
        try (FileChannel channel = FileChannel.open(file, options, attributes)) {
            try {
                if (posix) {
                    // The creation mode is filtered by the umask; set it again so that it is exactly owner-only.
                    Files.setPosixFilePermissions(file, ownerOnly);
                }
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                written = true;
            } finally {
                if (!written) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
