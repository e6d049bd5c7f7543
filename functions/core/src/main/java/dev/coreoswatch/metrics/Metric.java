package dev.coreoswatch.metrics;

import dev.coreoswatch.model.Stage;

/**
 * The CloudWatch metrics of namespace {@value InvocationMetrics#NAMESPACE}, dimensions
 * {@code Function} and {@code Target}. Each function reports the counts of one invocation per
 * target; the dashboard in template.yaml sums them per period, one line per target.
 */
public enum Metric {
    /** Streams looked at: by the watcher (each configured stream) and by the inspector (the one of its event). */
    STREAMS_CHECKED("StreamsChecked", Unit.COUNT),
    /** The inspector found the target lacking and asked for a build. */
    BUILDS_REQUIRED("BuildsRequired", Unit.COUNT),
    /** The dispatcher started a workflow run. */
    DISPATCHED("Dispatched", Unit.COUNT),
    /** The target already carries the combination. */
    SKIPPED("Skipped", Unit.COUNT),
    /** A hold applies (kernel outside the ZFS range, blocked version, or a completed run that left the image lacking). */
    HELD("Held", Unit.COUNT),
    /** A dispatch for the combination is already running or was claimed by a concurrent invocation. */
    IN_FLIGHT("InFlight", Unit.COUNT),
    UPSTREAM_ERRORS("UpstreamErrors", Unit.COUNT),
    REGISTRY_ERRORS("RegistryErrors", Unit.COUNT),
    DISPATCH_ERRORS("DispatchErrors", Unit.COUNT),
    /** A notification could not be stored or published (the invocation itself still succeeds). */
    NOTIFY_ERRORS("NotifyErrors", Unit.COUNT),
    NOTIFICATIONS_SENT("NotificationsSent", Unit.COUNT),
    /** A followed run completed and every configured platform carries the combination. */
    BUILDS_VERIFIED("BuildsVerified", Unit.COUNT),
    /** A followed run failed, was cancelled, or succeeded without the labels after the grace: a failed attempt. */
    BUILDS_FAILED("BuildsFailed", Unit.COUNT),
    /** Minutes from the FCOS release to the verified image (where the release time is known); unit None like the age. */
    RELEASE_TO_IMAGE("ReleaseToImageMinutes", Unit.NONE),
    /**
     * Hours since FCOS published the newest release of a stream that is not built yet (0 once it
     * is built); the largest over the streams of the invocation. CloudWatch has no unit "Hours"
     * (an unknown unit would lose the metric), so the unit is None and the name says hours.
     */
    UNBUILT_RELEASE_AGE("UnbuiltReleaseAgeHours", Unit.NONE);

    /** The CloudWatch units used here (names of CloudWatch's StandardUnit). */
    public enum Unit {
        COUNT("Count"),
        NONE("None");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;

    Metric(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The error count of a stage of docs/contract.md section 4's errors. */
    public static Metric errors(Stage stage) {
        return switch (stage) {
            case UPSTREAM -> UPSTREAM_ERRORS;
            case REGISTRY -> REGISTRY_ERRORS;
            case DISPATCH -> DISPATCH_ERRORS;
        };
    }
}
