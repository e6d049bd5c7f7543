package dev.coreoswatch.ledger;

import java.util.Objects;

/** What a claim records besides its key: why the build is wanted and which event asked for it. */
public record ClaimDetails(String reason, String correlationId) {
    public ClaimDetails {
        Objects.requireNonNull(reason, "reason");
    }

    public static ClaimDetails of(String reason) {
        return new ClaimDetails(reason, null);
    }
}
