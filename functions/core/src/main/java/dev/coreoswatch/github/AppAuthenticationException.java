package dev.coreoswatch.github;

/**
 * No installation token could be had for a GitHub App: unreadable key, rejected JWT, unknown
 * installation, refused scope, or GitHub unreachable. Messages name the app and installation,
 * never the key, the JWT or a token.
 */
public class AppAuthenticationException extends RuntimeException {
    public AppAuthenticationException(String message) {
        super(message);
    }

    public AppAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
