package org.operatefirst.anonymizer.scrubbers.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void computesEachKeyOnceWhileItFits() {
        final AtomicInteger calls = new AtomicInteger();
        final BoundedCache<String, Integer> cache = new BoundedCache<>(4);
        for (int round = 0; round < 3; round++) {
            for (final String key : new String[] {"a", "bb", "ccc"}) {
                assertThat(cache.get(key, k -> {
                    calls.incrementAndGet();
                    return k.length();
                })).isEqualTo(key.length());
            }
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void staysBoundedAndCorrectPastItsCapacity() {
        final AtomicInteger calls = new AtomicInteger();
        final BoundedCache<Integer, Integer> cache = new BoundedCache<>(8);
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.get(i, k -> {
                calls.incrementAndGet();
                return k * 2;
            })).isEqualTo(i * 2);
        }
        assertThat(calls).hasValue(1000);
        // The most recent keys are still there.
        assertThat(cache.get(999, k -> -1)).isEqualTo(1998);
    }

    @Test
    void givesEveryThreadTheFunctionsValueWhileTheyRaceToFillAndGrowIt() throws Exception {
        // Few slots and many keys: threads replace each other's entries and race to grow the table.
        final BoundedCache<String, String> cache = new BoundedCache<>(256);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int seed = t;
                wrong.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < 200_000; i++) {
                        final String key = "k" + (i * 31 + seed) % 5_000;
                        if (!cache.get(key, k -> k + "!").equals(key + "!")) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (final Future<Integer> mismatches : wrong) {
                assertThat(mismatches.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void capacityZeroComputesEveryTime() {
        final AtomicInteger calls = new AtomicInteger();
        final BoundedCache<String, String> cache = new BoundedCache<>(0);
        cache.get("x", k -> k + calls.incrementAndGet());
        cache.get("x", k -> k + calls.incrementAndGet());
        assertThat(calls).hasValue(2);
        assertThatThrownBy(() -> new BoundedCache<String, String>(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cachedCryptoPanAndTokensAreStableBeyondTheCache() {
        final byte[] key = new byte[32];
        key[0] = 7;
        final CryptoPan pan = new CryptoPan(key);
        final byte[] first = pan.anonymize(new byte[] {(byte) 192, 0, 2, 1});
        for (int i = 0; i < 70_000; i++) {
            pan.anonymize(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
        }
        assertThat(pan.anonymize(new byte[] {(byte) 192, 0, 2, 1})).isEqualTo(first)
                .isEqualTo(new CryptoPan(key).anonymize(new byte[] {(byte) 192, 0, 2, 1}));
        final KeyedTokenizer tokens = new KeyedTokenizer(key);
        assertThat(tokens.token("jdoe@example.org", 12)).isEqualTo(tokens.token("jdoe@example.org", 12))
                .isEqualTo(new KeyedTokenizer(key).token("jdoe@example.org", 12))
                .hasSize(12);
        assertThat(tokens.token("jdoe@example.org", 8)).isEqualTo(tokens.token("jdoe@example.org", 12).substring(0, 8));
    }
}
