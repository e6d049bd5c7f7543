package dev.coreoswatch.pipeline;

import org.slf4j.LoggerFactory;

/**
 * Where a followed run's outcome is told: the functions publish {@code BuildCompleted} and notify,
 * the command line logs it. A failure throws: the ledger then marks the outcome untold, and the
 * next check tells it (never lost, never told twice: the ledger's flag is a conditional write).
 */
@FunctionalInterface
public interface BuildOutcomes {
    BuildOutcomes NONE = completion -> {};

    /** The command line's: one log line per outcome (it has no bus and no topic). */
    BuildOutcomes LOG = completion -> LoggerFactory.getLogger(BuildOutcomes.class)
            .info(
                    "stream {}: build of coreos {} zfs {} {} (attempt {}, run {}): {}",
                    completion.decision().stream(),
                    completion.decision().coreosVersion(),
                    completion.decision().zfsVersion(),
                    completion.verified() ? "verified" : "failed",
                    completion.attempt(),
                    completion.runUrl(),
                    completion.why());

    void completed(BuildCompletion completion);
}
