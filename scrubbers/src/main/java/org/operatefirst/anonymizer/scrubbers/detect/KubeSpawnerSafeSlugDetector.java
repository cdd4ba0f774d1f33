package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds user names in KubeSpawner 7's {@code safe} slug form ({@link FindingType#SAFE_SLUG}) in pod and claim names
 * made from {@link NameTemplate}s, such as {@code jupyter-jdoe-example-org---1a2b3c4d} or
 * {@code jupyter-jdoe--my-server}. Tokens are read as {@link KubeSpawnerNameDetector} reads them: maximal runs of
 * {@code a-z0-9-}, at most {@value KubeSpawnerNameDetector#MAX_NAME_LENGTH} characters, tried again after a percent
 * escape; the template with the most literal characters wins.
 *
 * <h2>What is reported</h2>
 * <ul>
 *   <li>Template without {@code {servername}}: a user part that is a hashed slug,
 *       {@code <readable>---<8 hex>} ({@link KubeSpawnerSafeSlug#isHashed}). A user name that is already a valid
 *       label with a hyphen ({@code jupyter-has-hyphen}) cannot be told from a platform name
 *       ({@code jupyter-notebook-controller}) and is only found if the directory knows it.</li>
 *   <li>Template with {@code {servername}}: the user part ends at the first separator. A hashed user part is
 *       reported if a non-empty server part follows; a plain one ({@code jdoe} in {@code jupyter-jdoe--my-server})
 *       if the server part is a plain label. If the server part ends in a hash ({@code jdoe--gpu---1a2b3c4d}), the
 *       name may be KubeSpawner's {@code multi_slug}, whose hash covers the user name too, so the whole
 *       user-and-server part is reported: fail closed, at the cost of the server name.</li>
 * </ul>
 * The span never covers the template's prefix, separator (except as said above) or suffix.
 *
 * <p>Linear: tokens do not overlap and each is matched against each template at most twice. Immutable and
 * thread-safe; never throws on any text.
 */
public final class KubeSpawnerSafeSlugDetector implements Detector {

    private final List<NameTemplate> templates;
    /**
     * A hashed slug holds {@link KubeSpawnerSafeSlug#HASH_SEPARATOR}, a named server's name the template's separator:
     * a text with neither holds no finding.
     */
    private final Prefilter prefilter;

    /**
     * Creates a detector for a hub's templates.
     *
     * @param templates the templates, for example {@link NameTemplate#defaults()}; at least one
     */
    public KubeSpawnerSafeSlugDetector(final List<NameTemplate> templates) {
        final List<NameTemplate> ordered = KubeSpawnerNameDetector.mostLiteralFirst(templates, "slug");
        this.templates = ordered;
        final List<String> literals = new ArrayList<>(List.of(KubeSpawnerSafeSlug.HASH_SEPARATOR));
        for (final NameTemplate template : ordered) {
            if (template.hasServername()) {
                literals.add(template.separator());
            }
        }
        this.prefilter = Prefilter.anyOf(literals);
    }

    @Override
    public void detect(final CharSequence text, final List<Finding> out) {
        if (text == null || out == null || !prefilter.mayMatch(text)) {
            return;
        }
        final int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isNameChar(text.charAt(i))) {
                i++;
                continue;
            }
            final int start = i;
            int end = i + 1;
            while (end < n && isNameChar(text.charAt(end))) {
                end++;
            }
            if (!match(text, start, end, out) && KubeSpawnerNameDetector.afterPercent(text, start, end)) {
                match(text, start + 2, end, out);
            }
            i = end;
        }
    }

    private boolean match(final CharSequence text, final int start, final int end, final List<Finding> out) {
        if (end - start > KubeSpawnerNameDetector.MAX_NAME_LENGTH) {
            return false;
        }
        for (final NameTemplate template : templates) {
            final String prefix = template.prefix();
            final String suffix = template.suffix();
            if (end - start <= template.literalLength() || !KubeSpawnerNameDetector.literalAt(text, start, prefix)
                    || !KubeSpawnerNameDetector.literalAt(text, end - suffix.length(), suffix)) {
                continue;
            }
            final int userStart = start + prefix.length();
            final int middleEnd = end - suffix.length();
            final int userEnd = template.hasServername()
                    ? userEndWithServer(text, userStart, middleEnd, template.separator())
                    : KubeSpawnerSafeSlug.isHashed(text, userStart, middleEnd) ? middleEnd : -1;
            if (userEnd > userStart) {
                out.add(new Finding(FindingType.SAFE_SLUG, userStart, userEnd));
                return true;
            }
        }
        return false;
    }

    /** Where the reported part of a named server's name ends, or -1 if the name is not one. */
    private static int userEndWithServer(final CharSequence text, final int from, final int to,
            final String separator) {
        final int split = indexOf(text, separator, from, to);
        if (split <= from) {
            return -1;
        }
        final int hashedEnd = split + KubeSpawnerSafeSlug.HASH_SEPARATOR.length() + KubeSpawnerSafeSlug.HASH_LENGTH;
        final boolean hashedUser = hashedEnd <= to && KubeSpawnerSafeSlug.isHashed(text, from, hashedEnd);
        final int userEnd = hashedUser ? hashedEnd : split;
        final int serverStart = userEnd + separator.length();
        if (serverStart >= to || !KubeSpawnerNameDetector.literalAt(text, userEnd, separator)) {
            return -1;
        }
        final boolean hashedServer = endsWithHash(text, serverStart, to);
        if (hashedServer) {
            return to;
        }
        if (!KubeSpawnerSafeSlug.isPlain(text, serverStart, to)) {
            return -1;
        }
        return hashedUser || KubeSpawnerSafeSlug.isPlain(text, from, userEnd) ? userEnd : -1;
    }

    private static boolean endsWithHash(final CharSequence text, final int from, final int to) {
        final int hashStart = to - KubeSpawnerSafeSlug.HASH_LENGTH;
        final int separatorStart = hashStart - KubeSpawnerSafeSlug.HASH_SEPARATOR.length();
        if (separatorStart <= from
                || !KubeSpawnerNameDetector.literalAt(text, separatorStart, KubeSpawnerSafeSlug.HASH_SEPARATOR)) {
            return false;
        }
        for (int i = hashStart; i < to; i++) {
            final char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(final CharSequence text, final String literal, final int from, final int to) {
        for (int i = from; i + literal.length() <= to; i++) {
            if (KubeSpawnerNameDetector.literalAt(text, i, literal)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameChar(final char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
    }
}
