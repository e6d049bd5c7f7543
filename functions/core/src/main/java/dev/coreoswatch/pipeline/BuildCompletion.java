package dev.coreoswatch.pipeline;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Decision;
import java.time.Instant;
import java.util.Map;

/**
 * One outcome of a followed run (CONTRACT section 5, {@code BuildCompleted}): verified (every
 * configured platform carries the combination; {@code digests} per arch) or a failed attempt
 * ({@code failedJob} where the jobs API named one). {@code attempt} counts from 1; run fields are
 * null where a 204 dispatch left no run to find; {@code completedAt} is when the run completed.
 */
public record BuildCompletion(
        Decision decision,
        String targetImage,
        Long runId,
        String runUrl,
        String conclusion,
        boolean verified,
        int attempt,
        String failedJob,
        String why,
        Map<Arch, String> digests,
        Instant completedAt) {
    public BuildCompletion {
        digests = Map.copyOf(digests);
    }
}
