package dev.coreoswatch.github;

import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Secret;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub App private key from PEM with the JDK alone. GitHub hands out PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}); people convert to PKCS#8 ({@code BEGIN PRIVATE KEY}). The JDK
 * reads only PKCS#8, so a PKCS#1 key is wrapped into a PKCS#8 structure first. Errors never
 * quote key material.
 */
final class PemPrivateKey {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PemPrivateKey() {}

    /** {@code owner} names the app in errors ("GitHub App 12345"). */
    static RSAPrivateKey read(Secret pem, String owner) {
        String text = pem.value();
        if (text.indexOf('\n') < 0 && text.contains("\\n")) {
            text = text.replace("\\n", "\n"); // a PEM pasted into an environment variable or JSON with escaped newlines
        }
        Matcher matcher = PEM.matcher(text);
        if (!matcher.find()) {
            throw new AppAuthenticationException("the private key of " + owner
                    + " is not PEM (expected -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
        }
        String label = matcher.group(1);
        String body = matcher.group(2);
        if (body.contains(":")) {
            throw new AppAuthenticationException(
                    "the private key of " + owner + " is encrypted; give the key without a passphrase");
        }
        byte[] der = decode(body, owner);
        byte[] pkcs8 = switch (label) {
            case "RSA PRIVATE KEY" -> wrapPkcs1(der);
            case "PRIVATE KEY" -> der;
            case "ENCRYPTED PRIVATE KEY" ->
                throw new AppAuthenticationException(
                        "the private key of " + owner + " is encrypted; give the key without a passphrase");
            default ->
                throw new AppAuthenticationException("the private key of " + owner + " is a " + Printable.quote(label)
                        + "; a GitHub App key is RSA (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        };
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | ClassCastException e) {
            // The provider's message may describe the encoding; it is left out on purpose.
            throw new AppAuthenticationException(
                    "the private key of " + owner + " is not a valid RSA private key (" + label + ")");
        }
    }

    private static byte[] decode(String body, String owner) {
        try {
            return Base64.getDecoder().decode(body.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new AppAuthenticationException(
                    "the private key of " + owner + " is not valid base64 inside its PEM markers");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING containing the PKCS#1 key }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM);
        content.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
