package org.operatefirst.anonymizer.ingest.remotewrite;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format from a byte range: tags, varints, fixed 64-bit values and length-delimited
 * fields. Every read is bounds-checked; a malformed input sets {@link #failure()} and stops, it never throws.
 * Not thread-safe; one instance per message being read.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buffer;
    private final int limit;
    private int position;
    private String failure;

    ProtoReader(final byte[] buffer, final int offset, final int limit) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
    }

    /** {@return whether fields remain and nothing failed} */
    boolean hasMore() {
        return failure == null && position < limit;
    }

    /** {@return why reading stopped, or null} */
    String failure() {
        return failure;
    }

    /** {@return the current position} */
    int position() {
        return position;
    }

    /**
     * Reads a field tag.
     *
     * @return the tag (field number shifted left by three, or'ed with the wire type), or -1 on failure
     */
    int readTag() {
        final long tag = readVarint();
        if (failure != null) {
            return -1;
        }
        if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
            fail("invalid field tag");
            return -1;
        }
        return (int) tag;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                fail("truncated varint");
                return 0;
            }
            final byte b = buffer[position++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        fail("varint longer than ten bytes");
        return 0;
    }

    long readFixed64() {
        if (limit - position < 8) {
            fail("truncated 64-bit field");
            return 0;
        }
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result |= (buffer[position + i] & 0xffL) << (8 * i);
        }
        position += 8;
        return result;
    }

    /**
     * Reads the length of a length-delimited field and checks it fits.
     *
     * @return the end position of the field's bytes (the start is {@link #position()}), or -1 on failure
     */
    int readLengthDelimited() {
        final long length = readVarint();
        if (failure != null) {
            return -1;
        }
        if (length < 0 || length > limit - position) {
            fail("a length-delimited field runs past its message");
            return -1;
        }
        return position + (int) length;
    }

    /** Moves to {@code end}, the end of a length-delimited field read by the caller. */
    void skipTo(final int end) {
        position = end;
    }

    String readString() {
        final int end = readLengthDelimited();
        if (end < 0) {
            return null;
        }
        try {
            final String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer, position, end - position))
                    .toString();
            position = end;
            return text;
        } catch (final CharacterCodingException e) {
            fail("a string is not valid UTF-8");
            return null;
        }
    }

    /** Skips a field of an unknown or unneeded number. */
    void skip(final int tag) {
        switch (tag & 7) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                if (limit - position < 8) {
                    fail("truncated 64-bit field");
                } else {
                    position += 8;
                }
            }
            case LENGTH_DELIMITED -> {
                final int end = readLengthDelimited();
                if (end >= 0) {
                    position = end;
                }
            }
            case FIXED32 -> {
                if (limit - position < 4) {
                    fail("truncated 32-bit field");
                } else {
                    position += 4;
                }
            }
            default -> fail("unsupported wire type " + (tag & 7));
        }
    }

    void fail(final String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** Fails unless the tag has the expected wire type; returns whether it has. */
    boolean expect(final int tag, final int wireType) {
        if ((tag & 7) != wireType) {
            fail("field " + (tag >>> 3) + " has wire type " + (tag & 7) + ", expected " + wireType);
            return false;
        }
        return true;
    }
}
