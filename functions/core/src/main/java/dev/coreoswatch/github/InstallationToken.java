package dev.coreoswatch.github;

import dev.coreoswatch.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A GitHub App installation access token and when GitHub lets it expire (one hour after issue). */
public record InstallationToken(Secret token, Instant expiresAt) {
    public InstallationToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Usable for a while yet: more than {@code margin} before expiry, so a call started now does not outlive it. */
    public boolean freshAt(Instant now, Duration margin) {
        return now.isBefore(expiresAt.minus(margin));
    }
}
