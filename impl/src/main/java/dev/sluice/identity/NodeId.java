package dev.sluice.identity;

import java.util.Arrays;

/**
 * A node's identity: the 32 raw bytes of its Ed25519 public key.
 *
 * <p>Text form: multibase base32hex, lower case, no padding, i.e. the prefix {@code v} followed by
 * 52 characters from {@code 0-9a-v}. Base32hex sorts like the bytes it encodes, has no characters
 * that need escaping in URLs or file names, and the multibase prefix leaves room for other
 * encodings later. Parsing is strict: a wrong prefix, length, alphabet or non-zero padding bits is
 * rejected with a message that names the problem.
 */
public final class NodeId implements Comparable<NodeId> {
    public static final int KEY_LENGTH = 32;
    /** Multibase prefix for base32hex, lower case, unpadded. */
    public static final char MULTIBASE_PREFIX = 'v';
    /** 256 bits in 5-bit groups, rounded up. */
    public static final int TEXT_LENGTH = 1 + (KEY_LENGTH * 8 + 4) / 5;

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuv";

    private final byte[] publicKey;

    private NodeId(byte[] publicKey) {
        this.publicKey = publicKey;
    }

    /** The NodeId of a raw 32-byte Ed25519 public key. */
    public static NodeId ofPublicKey(byte[] rawEd25519PublicKey) {
        if (rawEd25519PublicKey == null || rawEd25519PublicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has " + KEY_LENGTH + " bytes, got "
                    + (rawEd25519PublicKey == null ? "null" : rawEd25519PublicKey.length));
        }
        return new NodeId(rawEd25519PublicKey.clone());
    }

    /** Parses the text form; throws {@link MalformedNodeIdException} naming what is wrong. */
    public static NodeId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new MalformedNodeIdException(text, "it is empty");
        }
        if (text.charAt(0) != MULTIBASE_PREFIX) {
            throw new MalformedNodeIdException(text, "it must start with the multibase prefix '" + MULTIBASE_PREFIX
                    + "' (base32hex), found '" + text.charAt(0) + "'");
        }
        if (text.length() != TEXT_LENGTH) {
            throw new MalformedNodeIdException(text, "it must be " + TEXT_LENGTH + " characters long, found " + text.length());
        }
        byte[] out = new byte[KEY_LENGTH];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new MalformedNodeIdException(text, "character '" + c + "' at index " + i
                        + " is not in the base32hex alphabet 0-9a-v (lower case)");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (buffer >>> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        if (buffer != 0) {
            throw new MalformedNodeIdException(text, "its last character has non-zero padding bits");
        }
        return new NodeId(out);
    }

    /** A copy of the raw public key bytes. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(TEXT_LENGTH).append(MULTIBASE_PREFIX);
        int buffer = 0;
        int bits = 0;
        for (byte b : publicKey) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                sb.append(ALPHABET.charAt((buffer >>> bits) & 31));
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            sb.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public int compareTo(NodeId o) {
        return Arrays.compareUnsigned(publicKey, o.publicKey);
    }

    /** A NodeId text that cannot be parsed. */
    public static final class MalformedNodeIdException extends IllegalArgumentException {
        public MalformedNodeIdException(String text, String problem) {
            super("malformed NodeId '" + abbreviate(text) + "': " + problem);
        }

        private static String abbreviate(String text) {
            if (text == null) {
                return "null";
            }
            return text.length() > 80 ? text.substring(0, 80) + "..." : text;
        }
    }
}
