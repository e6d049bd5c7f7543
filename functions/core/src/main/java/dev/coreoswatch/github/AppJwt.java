package dev.coreoswatch.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App signs to prove who it is (RS256). {@code iat} lies a minute in
 * the past against clock drift; {@code exp} stays under GitHub's ten-minute ceiling.
 */
final class AppJwt {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private AppJwt() {}

    /** {@code issuer} is the app id (a number, sent as a JSON number) or the client id (sent as a string). */
    static String sign(String issuer, RSAPrivateKey key, Instant now) {
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = Json.object()
                .put("iat", now.minus(BACKDATE).getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond());
        if (issuer.chars().allMatch(Character::isDigit)) {
            claims.put("iss", Long.parseLong(issuer));
        } else {
            claims.put("iss", issuer);
        }
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new AppAuthenticationException("cannot sign the JWT of GitHub App " + issuer + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String encode(ObjectNode node) {
        return BASE64URL.encodeToString(Json.bytes(node));
    }
}
