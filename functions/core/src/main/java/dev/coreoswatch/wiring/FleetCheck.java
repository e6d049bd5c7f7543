package dev.coreoswatch.wiring;

import dev.coreoswatch.cache.OncePerCheck;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.model.DecisionTarget;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.UpstreamObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * One check over every target of the fleet: each target is its own {@link Check} (its image,
 * tag, workflow and policy), upstream documents are read once for all of them, and the report
 * is ordered by target, then stream (CONTRACT sections 2b and 4). Targets go one after another,
 * so dispatches keep the configured order; inside a target, streams and arches run side by side.
 */
public final class FleetCheck {
    private final Fleet fleet;
    private final Components components;
    private final Optional<Ledger> ledger;

    /** {@code components}: the shared HTTP stack, clock, token and cache (any target's configuration). */
    public FleetCheck(Fleet fleet, Components components, Optional<Ledger> ledger) {
        this.fleet = fleet;
        this.components = components;
        this.ledger = ledger;
    }

    public Report run(boolean force, boolean dryRun) {
        return run(force, dryRun, UUID.randomUUID().toString(), (target, observation) -> {});
    }

    /** {@code observed} sees each target's observations of its streams (the watcher publishes them). */
    public Report run(
            boolean force, boolean dryRun, String correlationId, BiConsumer<Target, UpstreamObservation> observed) {
        Instant checkedAt = components.clock().instant();
        OncePerCheck check = Components.newCheck(fleet.shared());
        List<Report> reports = new ArrayList<>();
        for (Target target : fleet.targets()) {
            Report report = components
                    .forTarget(target.config(), check)
                    .check(ledger)
                    .run(force, dryRun, correlationId, observation -> observed.accept(target, observation));
            reports.add(Report.of(
                    report.checkedAt(),
                    dryRun,
                    new DecisionTarget(target.name(), target.imageName()),
                    report.decisions(),
                    report.errors()));
        }
        return Report.ofTargets(checkedAt, dryRun, reports);
    }
}
