package dev.coreoswatch.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code Authorization: Basic} value for configured credentials. */
final class BasicCredentials {
    private BasicCredentials() {}

    static String header(RegistryCredentials credentials) {
        String pair = credentials.username() + ":" + credentials.password().value();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
