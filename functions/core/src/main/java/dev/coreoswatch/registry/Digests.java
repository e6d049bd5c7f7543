package dev.coreoswatch.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content digests: only sha256, the one algorithm every registry and image tool writes. */
final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    private Digests() {}

    static boolean isValid(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Throws unless {@code content} hashes to {@code expected}; {@code what} names it in the message. */
    static void verify(byte[] content, String expected, String what) {
        String actual = sha256(content);
        if (!actual.equals(expected)) {
            throw new RegistryProtocolException(
                    what + " does not match its digest: expected " + expected + ", got " + actual);
        }
    }
}
