package org.operatefirst.anonymizer.scrubbers.pseudonym;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyedTokenizerTest {

    /** Bytes 0x20 to 0x3f: the key of the known-answer vectors. */
    private static final byte[] KEY = sequence(0x20, 32);

    private static final KeyedTokenizer TOKENIZER = new KeyedTokenizer(KEY);

    private static final List<String> VALUES = List.of(
            "", "alice@example.org", "Alice@Example.org", "bob", "jörg.müller", "名前@example.org",
            "system:serviceaccount:openshift-monitoring:prometheus-k8s", "a".repeat(10_000));

    /**
     * Computed outside Java with {@code printf %s VALUE | openssl dgst -sha256 -mac HMAC -macopt hexkey:2021...3f
     * -binary}, then Python's {@code base64.b32encode(...).decode().rstrip("=").lower()}.
     */
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            alice@example.org | pfiz2nkxuttxwyvc2loaitvdagmxfvdsve6llp3wzggbsky4lokq
            ''                | 6sjebn4kvehfh5dba3buqhrxpymws3txomuldtloyydbuc6yncuq
            jörg.müller       | ynmmrgw3havvd6d3hujiibz7kyul2m7bos5uae6e3ifuw6rml5ca
            system:serviceaccount:openshift-monitoring:prometheus-k8s \
                              | dsupnbkcuhn3mtbfcs2hayzm4j7lqjsm6fzijdl4uqqitg72kr2a
            """)
    void matchesTokenComputedWithOpensslAndPython(String value, String expected) {
        assertThat(TOKENIZER.token(value, KeyedTokenizer.MAX_LENGTH)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 2, 7, 8, 13, 16, 26, 51, 52})
    void matchesJdkHmacWithReferenceBase32(int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        for (String value : VALUES) {
            String reference = referenceBase32(mac.doFinal(value.getBytes(UTF_8)));

            assertThat(TOKENIZER.token(value, length)).as("value %s", value.length() > 40 ? "(long)" : value)
                    .isEqualTo(reference.substring(0, length));
        }
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 8, 16, 52})
    void isDeterministicAcrossInstances(int length) {
        KeyedTokenizer other = new KeyedTokenizer(KEY.clone());
        for (String value : VALUES) {
            assertThat(other.token(value, length)).isEqualTo(TOKENIZER.token(value, length));
            assertThat(TOKENIZER.token(value, length)).isEqualTo(TOKENIZER.token(value, length));
        }
    }

    @ParameterizedTest(name = "key byte {0} changed")
    @ValueSource(ints = {0, 15, 31})
    void differentKeysGiveDifferentTokens(int changedByte) {
        byte[] otherKey = KEY.clone();
        otherKey[changedByte] ^= 0x01;
        KeyedTokenizer other = new KeyedTokenizer(otherKey);

        for (String value : VALUES) {
            assertThat(other.token(value, 16)).as(value.length() > 40 ? "(long)" : value)
                    .isNotEqualTo(TOKENIZER.token(value, 16));
        }
    }

    @Test
    void derivedIdentityAndDomainKeysGiveDifferentTokens() {
        MasterSecret secret = MasterSecret.of(sequence(0, 32));
        KeyedTokenizer identity = new KeyedTokenizer(secret.deriveKey("public", 2026, MasterSecret.Purpose.IDENTITY));
        KeyedTokenizer domain = new KeyedTokenizer(secret.deriveKey("public", 2026, MasterSecret.Purpose.DOMAIN));

        assertThat(identity.token("example.org", 16)).isNotEqualTo(domain.token("example.org", 16));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 2, 5, 8, 16, 32, 51, 52})
    void tokenIsPrefixOfLongestTokenAndUsesDnsSafeCharacters(int length) {
        for (String value : VALUES) {
            String token = TOKENIZER.token(value, length);

            assertThat(token).hasSize(length).isEqualTo(TOKENIZER.token(value, 52).substring(0, length));
            assertThat(token.chars()).allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
        }
    }

    @ParameterizedTest(name = "length {0} is rejected")
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 53, 64, Integer.MAX_VALUE})
    void rejectsLengthOutOfRange(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TOKENIZER.token("alice@example.org", length))
                .withMessageContaining("1 to 52");
    }

    @ParameterizedTest(name = "{0}-byte key is rejected")
    @ValueSource(ints = {0, 1, 16, 31})
    void rejectsKeyShorterThan32Bytes(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KeyedTokenizer(new byte[length]))
                .withMessageContaining("at least 32 bytes");
    }

    @Test
    void givesTheSameTokensFromManyThreads() throws Exception {
        List<String> values = IntStream.range(0, 2_000).mapToObj(i -> "user-" + i + "@example.org").toList();
        List<String> expected = values.stream().map(v -> TOKENIZER.token(v, 20)).toList();
        KeyedTokenizer shared = new KeyedTokenizer(KEY);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> values.stream().map(v -> shared.token(v, 20)).toList());
            }
            for (Future<List<String>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Textbook RFC 4648 base32, lower-cased and unpadded: one bit at a time, independent of the class under test. */
    private static String referenceBase32(byte[] data) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        int totalBits = data.length * 8;
        for (int start = 0; start < totalBits; start += 5) {
            int value = 0;
            for (int bit = start; bit < start + 5; bit++) {
                int b = bit < totalBits ? (data[bit / 8] >> (7 - bit % 8)) & 1 : 0;
                value = (value << 1) | b;
            }
            out.append(alphabet.charAt(value));
        }
        return out.toString();
    }

    private static byte[] sequence(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
