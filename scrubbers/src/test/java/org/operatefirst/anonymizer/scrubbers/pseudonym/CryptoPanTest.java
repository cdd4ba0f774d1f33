package org.operatefirst.anonymizer.scrubbers.pseudonym;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoPanTest {

    private static final String REFERENCE = "/cryptopan-reference.tsv";

    /** The key line and the address pairs of the reference file. */
    private record Reference(byte[] key, List<String[]> pairs) {
    }

    private static final Reference REFERENCE_DATA = readReference();
    private static final CryptoPan REFERENCE_PAN = new CryptoPan(REFERENCE_DATA.key());

    static List<String[]> referenceVectors() {
        return REFERENCE_DATA.pairs();
    }

    @ParameterizedTest(name = "reference vector {0} -> {1}")
    @MethodSource("referenceVectors")
    void reproducesReferenceVector(String original, String anonymized) {
        byte[] in = literal(original);
        byte[] copy = in.clone();

        byte[] out = REFERENCE_PAN.anonymize(in);

        assertThat(out).as("anonymized %s", original).isEqualTo(literal(anonymized));
        assertThat(in).as("input is not modified").isEqualTo(copy);
    }

    @Test
    void referenceFileHoldsBothFamilies() {
        long ipv4 = referenceVectors().stream().filter(pair -> literal(pair[0]).length == 4).count();
        long ipv6 = referenceVectors().stream().filter(pair -> literal(pair[0]).length == 16).count();
        assertThat(ipv4).isEqualTo(71);
        assertThat(ipv6).isEqualTo(5);
    }

    /** The usage examples in the README of the yacryptopan Python package, which uses an ASCII key. */
    @ParameterizedTest(name = "yacryptopan README example {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.1   | 192.0.125.244
            2001:db8::1 | 27fe:8bc7:fee:1e:1e1f:f0fe:f0e1:83fd
            """)
    void reproducesYacryptopanReadmeExample(String original, String anonymized) {
        CryptoPan pan = new CryptoPan("32-char-str-for-AES-key-and-pad.".getBytes(US_ASCII));

        assertThat(pan.anonymize(literal(original))).isEqualTo(literal(anonymized));
    }

    @ParameterizedTest(name = "{0} and {1} share exactly {2} bits before and after")
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.1       | 192.0.2.129       | 24
            192.0.2.1       | 192.0.2.0         | 31
            192.0.2.1       | 192.0.2.3         | 30
            10.0.0.1        | 10.128.0.1        | 8
            10.0.0.1        | 138.0.0.1         | 0
            198.51.100.7    | 203.0.113.7       | 4
            0.0.0.0         | 0.0.0.1           | 31
            255.255.255.255 | 127.255.255.255   | 0
            2001:db8::1     | 2001:db8::2       | 126
            2001:db8::1     | 2001:db8::        | 127
            2001:db8:1::1   | 2001:db8:8000::1  | 32
            2001:db8::1     | 2001:db9::1       | 31
            2001:db8::1     | a001:db8::1       | 0
            fe80::1         | fe80::1:0:1       | 95
            ::1             | 8000::1           | 0
            """)
    void preservesSharedPrefixExactly(String first, String second, int sharedBits) {
        byte[] a = literal(first);
        byte[] b = literal(second);
        assertThat(sharedPrefixBits(a, b)).as("table entry is consistent").isEqualTo(sharedBits);

        assertThat(sharedPrefixBits(REFERENCE_PAN.anonymize(a), REFERENCE_PAN.anonymize(b))).isEqualTo(sharedBits);
    }

    @ParameterizedTest(name = "random {0}-byte pairs keep their shared prefix length")
    @ValueSource(ints = {4, 16})
    void preservesSharedPrefixOfRandomPairs(int length) {
        Random random = new Random(20_260_101L + length);
        CryptoPan pan = new CryptoPan(randomBytes(random, 32));
        for (int trial = 0; trial < 500; trial++) {
            byte[] a = randomBytes(random, length);
            int sharedBits = random.nextInt(length * 8);
            byte[] b = withSharedPrefix(a, sharedBits, random);

            assertThat(sharedPrefixBits(pan.anonymize(a), pan.anonymize(b)))
                    .as("trial %d, shared prefix %d", trial, sharedBits)
                    .isEqualTo(sharedBits);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"192.0.2.1", "198.51.100.200", "0.0.0.0", "2001:db8::1", "::", "fe80::1"})
    void isDeterministicAcrossInstances(String address) {
        byte[] in = literal(address);
        assertThat(new CryptoPan(REFERENCE_DATA.key()).anonymize(in)).isEqualTo(REFERENCE_PAN.anonymize(in));
    }

    @ParameterizedTest(name = "{0}-byte addresses")
    @ValueSource(ints = {4, 16})
    void remembersANetworkWithoutChangingTheResultOfItsOtherAddresses(int length) {
        // Many hosts in a few networks: a shared instance reuses each network's flips, a fresh one computes all.
        Random random = new Random(7);
        byte[][] networks = {randomBytes(random, length), randomBytes(random, length), randomBytes(random, length)};
        int hostBytes = length == 4 ? 1 : 8;
        for (int k = 0; k < 150; k++) {
            byte[] address = networks[k % networks.length].clone();
            for (int b = length - hostBytes; b < length; b++) {
                address[b] = (byte) random.nextInt(256);
            }
            assertThat(REFERENCE_PAN.anonymize(address))
                    .isEqualTo(new CryptoPan(REFERENCE_DATA.key()).anonymize(address));
        }
    }

    @ParameterizedTest(name = "key byte {0} changed: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0  | AES key
            15 | AES key
            16 | pad
            31 | pad
            """)
    void differentKeysGiveDifferentOutputs(int changedByte, String part) {
        byte[] otherKey = REFERENCE_DATA.key().clone();
        otherKey[changedByte] ^= 0x01;
        CryptoPan other = new CryptoPan(otherKey);

        for (String address : List.of("192.0.2.1", "203.0.113.77", "2001:db8::1", "2001:db8:ffff::42")) {
            byte[] in = literal(address);
            assertThat(other.anonymize(in)).as("%s changed in the %s", address, part)
                    .isNotEqualTo(REFERENCE_PAN.anonymize(in));
        }
    }

    @ParameterizedTest(name = "{0}-byte key is rejected")
    @ValueSource(ints = {0, 1, 16, 31, 33, 64})
    void rejectsKeyOfWrongLength(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CryptoPan(new byte[length]))
                .withMessageContaining("exactly 32 bytes");
    }

    @ParameterizedTest(name = "{0}-byte address is rejected")
    @ValueSource(ints = {0, 1, 3, 5, 8, 15, 17, 32})
    void rejectsAddressOfWrongLength(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> REFERENCE_PAN.anonymize(new byte[length]))
                .withMessageContaining("4 (IPv4) or 16 (IPv6)");
    }

    @Test
    void anonymizesInet4AddressWithoutChangingFamily() throws UnknownHostException {
        Inet4Address in = (Inet4Address) InetAddress.getByAddress(literal("128.11.68.132"));

        Inet4Address out = REFERENCE_PAN.anonymize(in);

        assertThat(out.getAddress()).isEqualTo(literal("135.242.180.132"));
    }

    @Test
    void anonymizesInet6AddressWithoutChangingFamily() throws UnknownHostException {
        Inet6Address in = Inet6Address.getByAddress(null, literal("2001:db8::1"), -1);

        Inet6Address out = REFERENCE_PAN.anonymize(in);

        assertThat(out.getAddress()).isEqualTo(literal("4401:2bc:603f:d91d:27f:ff8e:e6f1:dc1e"));
    }

    @Test
    void givesTheSameResultsFromManyThreads() throws Exception {
        Random random = new Random(7);
        List<byte[]> inputs = IntStream.range(0, 400)
                .mapToObj(i -> randomBytes(random, i % 2 == 0 ? 4 : 16))
                .toList();
        CryptoPan pan = new CryptoPan(REFERENCE_DATA.key());
        List<byte[]> expected = inputs.stream().map(REFERENCE_PAN::anonymize).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<byte[]>>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> inputs.stream().map(pan::anonymize).toList());
            }
            for (Future<List<byte[]>> result : pool.invokeAll(tasks)) {
                List<byte[]> actual = result.get();
                for (int i = 0; i < inputs.size(); i++) {
                    assertThat(actual.get(i)).as("input %d", i).isEqualTo(expected.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Reference readReference() {
        InputStream stream = CryptoPanTest.class.getResourceAsStream(REFERENCE);
        if (stream == null) {
            throw new IllegalStateException(REFERENCE + " is missing from the test class path");
        }
        byte[] key = null;
        List<String[]> pairs = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 2) {
                    throw new IllegalStateException("expected two tab-separated fields: " + line);
                }
                if (fields[0].equals("key")) {
                    String[] decimals = fields[1].split(",");
                    key = new byte[decimals.length];
                    for (int i = 0; i < decimals.length; i++) {
                        key[i] = (byte) Integer.parseInt(decimals[i].trim());
                    }
                } else {
                    pairs.add(fields);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (key == null) {
            throw new IllegalStateException(REFERENCE + " has no key line");
        }
        return new Reference(key, List.copyOf(pairs));
    }

    /** The bytes of an address literal; refuses anything that is not a literal, so no name is ever looked up. */
    private static byte[] literal(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean literalChar = Character.digit(c, 16) >= 0 || c == '.' || c == ':';
            if (!literalChar) {
                throw new IllegalArgumentException("not an address literal: " + address);
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (address.contains(":") && bytes.length == 4) {
                // InetAddress turns IPv4-mapped IPv6 literals into IPv4; the test data means the IPv6 form.
                throw new IllegalArgumentException("IPv4-mapped literal not supported here: " + address);
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + address, e);
        }
    }

    private static int sharedPrefixBits(byte[] a, byte[] b) {
        assertThat(a).hasSameSizeAs(b);
        BigInteger difference = new BigInteger(1, a).xor(new BigInteger(1, b));
        return a.length * 8 - difference.bitLength();
    }

    /** A copy of {@code a} that shares exactly its first {@code bits} bits: bit {@code bits} flipped, rest random. */
    private static byte[] withSharedPrefix(byte[] a, int bits, Random random) {
        byte[] b = randomBytes(random, a.length);
        for (int i = 0; i < bits; i++) {
            setBit(b, i, bit(a, i));
        }
        setBit(b, bits, 1 - bit(a, bits));
        return b;
    }

    private static int bit(byte[] bytes, int index) {
        return (bytes[index / 8] >>> (7 - index % 8)) & 1;
    }

    private static void setBit(byte[] bytes, int index, int value) {
        int mask = 1 << (7 - index % 8);
        bytes[index / 8] = (byte) (value == 1 ? bytes[index / 8] | mask : bytes[index / 8] & ~mask);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
