package org.operatefirst.anonymizer.scrubbers.pseudonym;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret.Purpose;

class MasterSecretTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Bytes 0x00 to 0x1f: the master secret of the known-answer vectors. */
    private static final byte[] COUNTING = sequence(0, 32);

    /** Recognizable text, so that a test can see whether it leaks into a message. */
    private static final byte[] PASSPHRASE = "correct-horse-battery-staple-and-more-words".getBytes(US_ASCII);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}-byte secret is rejected")
    @ValueSource(ints = {0, 1, 16, 31})
    void rejectsSecretShorterThan32BytesWithoutShowingIt(int length) {
        byte[] secret = Arrays.copyOf(PASSPHRASE, length);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> MasterSecret.of(secret))
                .withMessageContaining("at least 32 bytes")
                .satisfies(e -> assertDoesNotReveal(e.getMessage(), secret));
    }

    @ParameterizedTest(name = "{0}-byte secret is accepted")
    @ValueSource(ints = {32, 33, 64, 4096})
    void acceptsSecretOfAtLeast32Bytes(int length) {
        assertThat(MasterSecret.of(new byte[length]).deriveKey("public", 2026, Purpose.IP)).hasSize(32);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} -> {3}")
    @CsvSource(delimiter = ',', textBlock = """
            public,   2026, IP,       anonymizer/v1|tier=public|epoch=2026|purpose=ip
            public,   2026, IDENTITY, anonymizer/v1|tier=public|epoch=2026|purpose=identity
            public,   2026, DOMAIN,   anonymizer/v1|tier=public|epoch=2026|purpose=domain
            internal, 0,    IP,       anonymizer/v1|tier=internal|epoch=0|purpose=ip
            tier-2,   2027, IDENTITY, anonymizer/v1|tier=tier-2|epoch=2027|purpose=identity
            """)
    void buildsVersionedInfoString(String tier, int epoch, Purpose purpose, String info) {
        assertThat(MasterSecret.info(tier, epoch, purpose)).isEqualTo(info);
    }

    /**
     * Pins the derivation: a change here changes every published pseudonym. Expected values were computed with
     * {@code openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:000102...1f -kdfopt info:<info> HKDF}.
     */
    @ParameterizedTest(name = "{0}, {1}, {2}")
    @CsvSource(textBlock = """
            public,   2026, IP,       162b461c943cfb0404a85c7e9378eb1db5e685c8ef7d50c54f528bf9671e0436
            public,   2026, IDENTITY, 551c109314d5b2ddfd1f15cb32b9db48708c2efa3ba4aee0b26358f82def4529
            public,   2026, DOMAIN,   a108cfa5f1e46d5098e2e51d574dd44c392430937874cf9f2204ceb8bba61a6c
            internal, 2026, IP,       a7470eea10e8c16682d25b62dcb4a2642ac61f86e9b3a193dc06e4c0e70aaa55
            """)
    void derivesKnownKey(String tier, int epoch, Purpose purpose, String expectedHex) {
        assertThat(HEX.formatHex(MasterSecret.of(COUNTING).deriveKey(tier, epoch, purpose))).isEqualTo(expectedHex);
    }

    @Test
    void derivesDistinctKeysPerTierEpochAndPurpose() {
        MasterSecret secret = MasterSecret.of(COUNTING);
        List<String> keys = new ArrayList<>();
        for (String tier : List.of("public", "internal")) {
            for (int epoch : new int[] {2025, 2026}) {
                for (Purpose purpose : Purpose.values()) {
                    keys.add(HEX.formatHex(secret.deriveKey(tier, epoch, purpose)));
                }
            }
        }
        assertThat(new HashSet<>(keys)).hasSize(2 * 2 * Purpose.values().length);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Purpose.class)
    void derivesSameKeyFromSameSecretAndDifferentKeyFromAnother(Purpose purpose) {
        byte[] other = COUNTING.clone();
        other[31] ^= 0x01;

        byte[] key = MasterSecret.of(COUNTING).deriveKey("public", 2026, purpose);

        assertThat(MasterSecret.of(COUNTING.clone()).deriveKey("public", 2026, purpose)).isEqualTo(key);
        assertThat(MasterSecret.of(other).deriveKey("public", 2026, purpose)).isNotEqualTo(key);
    }

    @ParameterizedTest(name = "tier \"{0}\" is rejected")
    @ValueSource(strings = {"", "Public", "a|b", "tier=x", "a b", "ünicode", "public\n",
        "a123456789b123456789c123456789d123456789e123456789f123456789g123"})
    void rejectsInvalidTier(String tier) {
        MasterSecret secret = MasterSecret.of(COUNTING);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> secret.deriveKey(tier, 2026, Purpose.IP))
                .withMessageContaining("tier must be 1 to 63 characters");
    }

    @Test
    void rejectsNegativeEpoch() {
        MasterSecret secret = MasterSecret.of(COUNTING);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> secret.deriveKey("public", -1, Purpose.IP))
                .withMessageContaining("epoch must not be negative");
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        MasterSecret secret = MasterSecret.of(PASSPHRASE);

        String text = secret.toString();

        assertThat(text).isEqualTo("MasterSecret[redacted]");
        assertDoesNotReveal(text, PASSPHRASE);
    }

    static Stream<Arguments> keyFiles() {
        byte[] secret32 = sequence(0x40, 32);
        byte[] secret48 = sequence(0x80, 48);
        byte[] binary = sequence(0xe0, 32); // 0xe0..0xff: not base64 text
        byte[] binaryEndingInNewline = Arrays.copyOf(binary, 40);
        binaryEndingInNewline[39] = '\n';
        byte[] text30 = sequence(0x10, 30);
        String base64Of30 = Base64.getEncoder().encodeToString(text30);
        String b64 = Base64.getEncoder().encodeToString(secret32);
        return Stream.of(
                Arguments.of("base64 and LF", ascii(b64 + "\n"), secret32),
                Arguments.of("base64 and CRLF", ascii(b64 + "\r\n"), secret32),
                Arguments.of("base64 without line ending", ascii(b64), secret32),
                Arguments.of("base64 without padding", ascii(b64.replace("=", "") + "\n"), secret32),
                Arguments.of("base64 of 48 bytes", ascii(Base64.getEncoder().encodeToString(secret48) + "\n"),
                        secret48),
                Arguments.of("raw binary bytes", binary, binary),
                Arguments.of("raw binary bytes ending in LF lose that LF", binaryEndingInNewline,
                        Arrays.copyOf(binaryEndingInNewline, 39)),
                Arguments.of("text that is not base64 is the raw secret", concat(PASSPHRASE, ascii("!\n")),
                        concat(PASSPHRASE, ascii("!"))),
                Arguments.of("base64 of only 30 bytes is taken as 40 raw characters", ascii(base64Of30 + "\n"),
                        ascii(base64Of30)),
                Arguments.of("only one line ending is removed", ascii(b64 + "\n\n"), ascii(b64 + "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFiles")
    void loadsKeyFile(String description, byte[] content, byte[] expectedSecret) throws IOException {
        Path file = Files.write(dir.resolve("master.key"), content);

        MasterSecret loaded = MasterSecret.load(file);

        MasterSecret expected = MasterSecret.of(expectedSecret);
        for (Purpose purpose : Purpose.values()) {
            assertThat(loaded.deriveKey("public", 2026, purpose))
                    .isEqualTo(expected.deriveKey("public", 2026, purpose));
        }
    }

    static Stream<Arguments> badKeyFiles() {
        String base64Of16 = Base64.getEncoder().encodeToString(sequence(0x20, 16));
        byte[] huge = new byte[4097];
        Arrays.fill(huge, (byte) 'k');
        return Stream.of(
                Arguments.of("empty file", new byte[0], "holds 0 bytes of secret"),
                Arguments.of("just a line ending", ascii("\n"), "holds 0 bytes of secret"),
                Arguments.of("31 raw bytes", Arrays.copyOf(PASSPHRASE, 31), "holds 31 bytes of secret"),
                Arguments.of("31 raw bytes and LF", concat(Arrays.copyOf(PASSPHRASE, 31), ascii("\n")),
                        "holds 31 bytes of secret"),
                Arguments.of("base64 of 16 bytes is 24 raw characters", ascii(base64Of16 + "\n"),
                        "holds 24 bytes of secret"),
                Arguments.of("larger than 4096 bytes", huge, "is larger than 4096 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeyFiles")
    void rejectsBadKeyFileNamingFileNotContent(String description, byte[] content, String expectedMessage)
            throws IOException {
        Path file = Files.write(dir.resolve("bad.key"), content);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> MasterSecret.load(file))
                .withMessageContaining(expectedMessage)
                .withMessageContaining("at least 32 bytes")
                .withMessageContaining(file.toString())
                .satisfies(e -> assertDoesNotReveal(e.getMessage(), content));
    }

    @Test
    void reportsMissingKeyFile() {
        assertThatExceptionOfType(NoSuchFileException.class)
                .isThrownBy(() -> MasterSecret.load(dir.resolve("absent.key")));
    }

    @Test
    void generatesBase64KeyFileThatLoadsToTheSameSecret() throws IOException {
        Path file = dir.resolve("generated.key");

        MasterSecret generated = MasterSecret.generate(file);

        String content = Files.readString(file, US_ASCII);
        assertThat(content).hasSize(45).endsWith("=\n");
        assertThat(Base64.getDecoder().decode(content.substring(0, 44))).hasSize(32);
        MasterSecret loaded = MasterSecret.load(file);
        for (Purpose purpose : Purpose.values()) {
            assertThat(loaded.deriveKey("public", 2026, purpose))
                    .isEqualTo(generated.deriveKey("public", 2026, purpose));
        }
    }

    @Test
    void generatesKeyFileReadableByOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = dir.resolve("generated.key");

        MasterSecret.generate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void neverOverwritesExistingKeyFile() throws IOException {
        Path file = dir.resolve("generated.key");
        MasterSecret.generate(file);
        byte[] before = Files.readAllBytes(file);

        assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> MasterSecret.generate(file));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void generatesDifferentSecretsEachTime() throws IOException {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            MasterSecret secret = MasterSecret.generate(dir.resolve("k" + i));
            keys.add(HEX.formatHex(secret.deriveKey("public", 2026, Purpose.IDENTITY)));
        }
        assertThat(keys).hasSize(5);
    }

    private static void assertDoesNotReveal(String text, byte[] secret) {
        if (secret.length < 8) {
            return; // too short to recognize reliably; these secrets are rejected for their length alone
        }
        byte[] sample = Arrays.copyOf(secret, 8);
        assertThat(text)
                .doesNotContain(new String(sample, US_ASCII))
                .doesNotContainIgnoringCase(HEX.formatHex(sample))
                .doesNotContain(Base64.getEncoder().encodeToString(sample).substring(0, 8));
    }

    private static byte[] sequence(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
