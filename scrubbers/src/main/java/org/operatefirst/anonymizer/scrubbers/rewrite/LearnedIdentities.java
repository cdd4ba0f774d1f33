package org.operatefirst.anonymizer.scrubbers.rewrite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.detect.PlatformUsers;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;

/**
 * User names learned from context in earlier records, remembered so that a later record that mentions one without
 * context ({@code jdoe logged out}, {@code (jdoe@10.1.2.3)}) loses it too (ADR-0024). What a record gives away is
 * {@link LearnedNames}; what this remembers of it is bounded and expiring:
 *
 * <ul>
 *   <li>at most {@code capacity} names, the least recently learned dropped first;</li>
 *   <li>a name not learned again within {@code ttl} is forgotten (a {@code ttl} of zero: never, for a run over a
 *       file, whose order rather than the wall clock says what came before);</li>
 *   <li>only names that are unlikely to be ordinary words: at least {@value #MIN_LENGTH} characters, a letter, no
 *       {@code @}, none of {@link IdentityDirectory#NOT_SEARCHED} or {@link PlatformUsers}, nor a word of scrubbed
 *       output ({@code invalid}, {@code redacted}).</li>
 * </ul>
 *
 * Lookups read the text once: each run of letters, digits and {@code _} is hashed as it goes by and checked against
 * a bit set of the runs that start a remembered name's form (plain, or KubeSpawner-escaped); only on a hit is the
 * run looked up and the form compared. Thread-safe: any number of threads look up while one learns; a name learned
 * while a lookup runs may be missed by it.
 */
public final class LearnedIdentities {

    /** The shortest name remembered across records: shorter ones are too often words. */
    public static final int MIN_LENGTH = 4;
    /** Bits of the filter of first runs: 2^20 bits, 128 KiB, about 3% of runs passing at 10,000 names. */
    private static final int FILTER_BITS = 20;
    private static final int FILTER_MASK = (1 << FILTER_BITS) - 1;
    private static final boolean[] WORD = new boolean[128];
    /** Words every scrubbed record may hold (pseudonymous domains, redaction markers): never names. */
    private static final Set<String> OUTPUT_WORDS = Set.of(Pseudonymizer.PSEUDONYM_TLD, "redacted");

    static {
        for (char c = 0; c < 128; c++) {
            WORD[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }
    }

    private final int capacity;
    private final long ttlNanos;
    private final LongSupplier clock;
    /** Name (lower case) to when it was last learned; in order of learning, the oldest first. Guarded by this. */
    private final LinkedHashMap<String, Long> names = new LinkedHashMap<>(16, 0.75f, false);
    /**
     * The hash ({@link #hashOf}) of the first run of each form of each name, to the forms whose first run has it.
     * A form found there is compared with the text whole, so two runs of one hash cannot be confused, and a word of
     * a text is looked up without copying it.
     */
    private final Map<Integer, List<Form>> byFirstRun = new ConcurrentHashMap<>();
    private volatile long[] filter = new long[1 << (FILTER_BITS - 6)];
    private int forgottenSinceRebuild;
    /** When each name was last announced to the listener. Guarded by this. */
    private final Map<String, Long> announced = new java.util.HashMap<>();
    private volatile java.util.function.Consumer<String> listener;

    /** A form of a name as written in text: the name itself, or its KubeSpawner escape. */
    private record Form(String name, String text) {
    }

    /**
     * Creates a memory.
     *
     * @param capacity the most names remembered; 0 for none
     * @param ttl      how long a name is remembered after it was last learned; {@link Duration#ZERO} for as long as
     *                 it is not pushed out by newer ones
     * @param clock    the time in nanoseconds, as {@link System#nanoTime()}
     */
    public LearnedIdentities(final int capacity, final Duration ttl, final LongSupplier clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        this.capacity = capacity;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /**
     * A memory on the system's clock.
     *
     * @param capacity the most names remembered; 0 for none
     * @param ttl      how long a name is remembered after it was last learned; {@link Duration#ZERO} for no expiry
     * @return the memory
     */
    public static LearnedIdentities of(final int capacity, final Duration ttl) {
        return new LearnedIdentities(capacity, ttl, System::nanoTime);
    }

    /**
     * Whether a name would be remembered: long enough, with a letter, not a common word or platform user.
     *
     * @param name the name, lower case
     * @return true if it is remembered when learned
     */
    static boolean rememberable(final String name) {
        if (name.length() < MIN_LENGTH || name.length() > LearnedNames.MAX_LENGTH || name.indexOf('@') >= 0
                || IdentityDirectory.NOT_SEARCHED.contains(name) || PlatformUsers.isPlatformUser(name)
                || OUTPUT_WORDS.contains(name)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isLetter(name.charAt(i))) {
                return firstRunLength(name) > 0;
            }
        }
        return false;
    }

    /**
     * Remembers names a record's contexts gave away, in the order given; a name already known is learned again
     * (its expiry starts over, and it becomes the most recent).
     *
     * @param learned the names, lower case
     */
    public void remember(final Collection<String> learned) {
        if (capacity == 0 || learned.isEmpty()) {
            return;
        }
        final long now = clock.getAsLong();
        final java.util.function.Consumer<String> announce = listener;
        List<String> toAnnounce = List.of();
        synchronized (this) {
            for (final String name : learned) {
                // A name remembered now was rememberable when it was learned: only a new one is checked.
                if (!names.containsKey(name) && !rememberable(name)) {
                    continue;
                }
                put(name, now);
                if (announce != null) {
                    // New, or not announced for half its time to live: others would soon forget it.
                    final Long last = announced.get(name);
                    if (last == null || ttlNanos > 0 && now - last > ttlNanos / 2) {
                        announced.put(name, now);
                        if (toAnnounce.isEmpty()) {
                            toAnnounce = new ArrayList<>();
                        }
                        toAnnounce.add(name);
                    }
                }
            }
            pushOut(now);
        }
        for (final String name : toAnnounce) {
            announce.accept(name);
        }
    }

    /**
     * Remembers a name that another instance learned, without announcing it again.
     *
     * @param name the name, lower case
     * @param age  how long ago it was learned; a name older than the time to live is ignored
     */
    public void rememberShared(final String name, final Duration age) {
        if (capacity == 0 || !rememberable(name) || ttlNanos > 0 && age.toNanos() > ttlNanos) {
            return;
        }
        final long now = clock.getAsLong();
        synchronized (this) {
            final Long known = names.get(name);
            final long learnedAt = now - Math.max(0, age.toNanos());
            if (known == null || known - learnedAt < 0) {
                put(name, learnedAt);
            }
            announced.putIfAbsent(name, learnedAt);
            pushOut(now);
        }
    }

    /**
     * Calls a listener with each name that is remembered for the first time, or again after half its time to
     * live, outside of any lock: to share it with other instances. Names from {@link #rememberShared} are not
     * passed.
     *
     * @param onLearned the listener, or null for none
     */
    public void onLearned(final java.util.function.Consumer<String> onLearned) {
        this.listener = onLearned;
    }

    private void put(final String name, final long at) {
        // Last in encounter order, the most recent: one lookup whether the name is new or known.
        if (names.putLast(name, at) == null) {
            index(name);
        }
    }

    /** Oldest first: pushes out what is over the bound, then what has expired. Guarded by this. */
    private void pushOut(final long now) {
        final Iterator<Map.Entry<String, Long>> oldest = names.entrySet().iterator();
        while (oldest.hasNext()) {
            final Map.Entry<String, Long> entry = oldest.next();
            if (names.size() <= capacity && (ttlNanos == 0 || now - entry.getValue() <= ttlNanos)) {
                break;
            }
            forget(entry.getKey());
            announced.remove(entry.getKey());
            oldest.remove();
        }
    }

    /**
     * The remembered names that occur in a text as whole words, ignoring case, as written or KubeSpawner-escaped.
     *
     * @param text the text, such as a scrubbed record
     * @return the names, lower case, in order of first occurrence; empty if none
     */
    public Set<String> occurringIn(final String text) {
        if (byFirstRun.isEmpty()) {
            return Set.of();
        }
        final long[] bits = filter;
        Set<String> found = Set.of();
        final int n = text.length();
        int i = 0;
        while (i < n) {
            final char c = text.charAt(i);
            if (c >= 128 || !WORD[c]) {
                i++;
                continue;
            }
            final int start = i;
            int hash = 0;
            while (i < n && text.charAt(i) < 128 && WORD[text.charAt(i)]) {
                hash = 31 * hash + lower(text.charAt(i));
                i++;
            }
            if (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                // A run that goes on in letters outside ASCII is not a whole ASCII word: skip all of it.
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                continue;
            }
            final int slot = mix(hash) & FILTER_MASK;
            if ((bits[slot >>> 6] & 1L << slot) == 0) {
                continue;
            }
            final List<Form> forms = byFirstRun.get(hash);
            if (forms == null) {
                continue;
            }
            for (final Form form : forms) {
                final int end = start + form.text().length();
                if (end <= n && text.regionMatches(true, start, form.text(), 0, form.text().length())
                        && (start == 0 || !isWordChar(text.charAt(start - 1)))
                        && (end == n || !isWordChar(text.charAt(end))) && alive(form.name())) {
                    if (found.isEmpty()) {
                        found = new LinkedHashSet<>();
                    }
                    found.add(form.name());
                }
            }
        }
        return found;
    }

    /**
     * How many names are remembered, expired ones included until they are looked up or pushed out.
     *
     * @return the number of names
     */
    public synchronized int size() {
        return names.size();
    }

    private boolean alive(final String name) {
        if (ttlNanos == 0) {
            return true;
        }
        final Long learned;
        synchronized (this) {
            learned = names.get(name);
        }
        return learned != null && clock.getAsLong() - learned <= ttlNanos;
    }

    private void index(final String name) {
        final long[] bits = filter;
        for (final String form : forms(name)) {
            final int first = hashOf(form.substring(0, firstRunLength(form)));
            byFirstRun.compute(first, (key, list) -> {
                final List<Form> next = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
                next.add(new Form(name, form));
                return List.copyOf(next);
            });
            final int slot = mix(first) & FILTER_MASK;
            bits[slot >>> 6] |= 1L << slot;
        }
    }

    private void forget(final String name) {
        for (final String form : forms(name)) {
            final int first = hashOf(form.substring(0, firstRunLength(form)));
            byFirstRun.computeIfPresent(first, (key, list) -> {
                final List<Form> next = new ArrayList<>(list);
                next.removeIf(f -> f.name().equals(name));
                return next.isEmpty() ? null : List.copyOf(next);
            });
        }
        // Bits are never cleared one by one (another name may share one): after a full turnover, start over.
        if (++forgottenSinceRebuild > capacity) {
            final long[] fresh = new long[filter.length];
            for (final int first : byFirstRun.keySet()) {
                final int slot = mix(first) & FILTER_MASK;
                fresh[slot >>> 6] |= 1L << slot;
            }
            filter = fresh;
            forgottenSinceRebuild = 0;
        }
    }

    private static Set<String> forms(final String name) {
        final Set<String> forms = new LinkedHashSet<>(2);
        forms.add(name);
        final String escaped = KubeSpawnerEscape.escape(name);
        if (firstRunLength(escaped) > 0) {
            forms.add(escaped);
        }
        return forms;
    }

    /** The length of the ASCII word run a text starts with. */
    private static int firstRunLength(final String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) < 128 && WORD[text.charAt(i)]) {
            i++;
        }
        return i;
    }

    private static int hashOf(final String run) {
        int hash = 0;
        for (int i = 0; i < run.length(); i++) {
            hash = 31 * hash + lower(run.charAt(i));
        }
        return hash;
    }

    private static int mix(final int hash) {
        final int h = hash * 0x9E3779B9;
        return h ^ h >>> 16;
    }

    private static char lower(final char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
