package org.operatefirst.anonymizer.ingest.remotewrite;

import java.util.Arrays;

/**
 * Decompresses the snappy block format (not the framed format) that Prometheus remote_write uses for its
 * request bodies. Written by hand from the format description, so the receiver has no native code and can bound
 * what it allocates: the declared length is checked against a limit before anything is allocated, every copy is
 * checked against what was written so far, and the output must have exactly the declared length.
 *
 * <p>Linear in the output length: each output byte is written once. Stateless and thread-safe.
 */
public final class SnappyBlock {

    private static final int TAG_LITERAL = 0;
    private static final int TAG_COPY_1 = 1;
    private static final int TAG_COPY_2 = 2;

    private SnappyBlock() {
    }

    /** The outcome of decompressing a block. */
    public sealed interface Result permits Decompressed, Invalid, TooLarge {
    }

    /**
     * The decompressed bytes.
     *
     * @param bytes the output, exactly as long as the block declared
     */
    public record Decompressed(byte[] bytes) implements Result {
    }

    /**
     * The block is not valid snappy.
     *
     * @param detail what is wrong, without any data
     */
    public record Invalid(String detail) implements Result {
    }

    /**
     * The block declares more output than allowed.
     *
     * @param declared the declared length
     */
    public record TooLarge(long declared) implements Result {
    }

    /**
     * Decompresses one block. Never throws on data.
     *
     * @param input    the compressed block
     * @param maxBytes the largest output accepted
     * @return the output, or why there is none
     */
    public static Result decompress(final byte[] input, final int maxBytes) {
        // Preamble: the uncompressed length as a little-endian base-128 varint of at most 32 bits.
        long declared = 0;
        int position = 0;
        int shift = 0;
        while (true) {
            if (position >= input.length) {
                return new Invalid("the block ends inside its length preamble");
            }
            final int b = input[position++] & 0xff;
            declared |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                return new Invalid("the length preamble is longer than five bytes");
            }
        }
        if (declared > maxBytes) {
            return new TooLarge(declared);
        }
        final byte[] output = new byte[(int) declared];
        int written = 0;
        while (position < input.length) {
            final int tag = input[position++] & 0xff;
            switch (tag & 3) {
                case TAG_LITERAL -> {
                    long length = tag >>> 2;
                    if (length >= 60) {
                        final int extraBytes = (int) length - 59;
                        if (position + extraBytes > input.length) {
                            return new Invalid("the block ends inside a literal's length");
                        }
                        length = 0;
                        for (int i = 0; i < extraBytes; i++) {
                            length |= (long) (input[position++] & 0xff) << (8 * i);
                        }
                    }
                    length++;
                    if (length > input.length - position) {
                        return new Invalid("a literal runs past the end of the block");
                    }
                    if (length > output.length - written) {
                        return new Invalid("a literal runs past the declared length");
                    }
                    System.arraycopy(input, position, output, written, (int) length);
                    position += (int) length;
                    written += (int) length;
                }
                case TAG_COPY_1 -> {
                    if (position >= input.length) {
                        return new Invalid("the block ends inside a copy");
                    }
                    final int length = 4 + ((tag >>> 2) & 0x7);
                    final int offset = ((tag & 0xe0) << 3) | (input[position++] & 0xff);
                    final String failure = copy(output, written, offset, length);
                    if (failure != null) {
                        return new Invalid(failure);
                    }
                    written += length;
                }
                case TAG_COPY_2 -> {
                    if (position + 2 > input.length) {
                        return new Invalid("the block ends inside a copy");
                    }
                    final int length = 1 + (tag >>> 2);
                    final int offset = (input[position] & 0xff) | (input[position + 1] & 0xff) << 8;
                    position += 2;
                    final String failure = copy(output, written, offset, length);
                    if (failure != null) {
                        return new Invalid(failure);
                    }
                    written += length;
                }
                default -> {
                    if (position + 4 > input.length) {
                        return new Invalid("the block ends inside a copy");
                    }
                    final int length = 1 + (tag >>> 2);
                    final long offset = (input[position] & 0xffL) | (input[position + 1] & 0xffL) << 8
                            | (input[position + 2] & 0xffL) << 16 | (input[position + 3] & 0xffL) << 24;
                    position += 4;
                    if (offset > Integer.MAX_VALUE) {
                        return new Invalid("a copy reaches before the start of the output");
                    }
                    final String failure = copy(output, written, (int) offset, length);
                    if (failure != null) {
                        return new Invalid(failure);
                    }
                    written += length;
                }
            }
        }
        if (written != output.length) {
            return new Invalid("the block holds " + written + " bytes, not the " + output.length + " it declares");
        }
        return new Decompressed(output);
    }

    /** Copies {@code length} bytes from {@code offset} back; overlapping copies repeat a pattern, byte by byte. */
    private static String copy(final byte[] output, final int written, final int offset, final int length) {
        if (offset == 0 || offset > written) {
            return "a copy reaches before the start of the output";
        }
        if (length > output.length - written) {
            return "a copy runs past the declared length";
        }
        final int from = written - offset;
        if (offset >= length) {
            System.arraycopy(output, from, output, written, length);
        } else if (offset == 1) {
            Arrays.fill(output, written, written + length, output[from]);
        } else {
            for (int i = 0; i < length; i++) {
                output[written + i] = output[from + i];
            }
        }
        return null;
    }
}
