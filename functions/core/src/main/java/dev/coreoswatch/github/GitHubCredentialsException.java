package dev.coreoswatch.github;

/** The configured GitHub credentials cannot be read or are not of a known shape; never quotes them. */
public final class GitHubCredentialsException extends RuntimeException {
    public GitHubCredentialsException(String message) {
        super(message);
    }
}
