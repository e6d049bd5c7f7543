package dev.coreoswatch.replay;

import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.registry.ImageReference;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One replay: the window walked, how often the watcher runs, how long a build takes, and the
 * configuration keys {@code check} uses (streams, architectures, ZFS policy, blocked versions,
 * in-flight window, attempts limit, target image and tag).
 */
public record ReplaySettings(
        Instant from,
        Instant to,
        Duration interval,
        Duration buildDuration,
        Duration inFlightWindow,
        int maxAttempts,
        List<String> streams,
        List<Arch> architectures,
        Optional<Version> zfsSeries,
        boolean zfsAllowDotZero,
        Set<String> blockedVersions,
        ImageReference targetImage,
        String targetTag) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_BUILD_DURATION = Duration.ofHours(1);
    /** Stands in for {@code target.image} when it is not configured: it only names the simulated image. */
    public static final String DEFAULT_TARGET_IMAGE = "ghcr.io/owner/custom-coreos";
    /** {@code dispatch.max-attempts} of CONTRACT section 2, revision 2. */
    /** Keeps a typo such as PT1S from walking two years second by second. */
    static final long MAX_STEPS = 2_000_000;

    public ReplaySettings {
        streams = List.copyOf(streams);
        architectures = List.copyOf(architectures);
        blockedVersions = Set.copyOf(blockedVersions);
    }

    /**
     * Settings for {@code history} from the configuration and the command's options; a missing
     * {@code from}/{@code to} is the history's own period. Errors name the key or option.
     */
    public static ReplaySettings of(
            WatchConfig config,
            History history,
            Optional<Instant> from,
            Optional<Instant> to,
            Duration interval,
            Duration buildDuration) {
        int maxAttempts = config.builds().maxAttempts();
        Instant start = from.orElse(history.from());
        Instant end = to.orElse(history.to());
        if (start.isBefore(history.from()) || !start.isBefore(history.to())) {
            throw new ConfigException(
                    "--from", start + " is outside the history's period " + history.from() + " .. " + history.to());
        }
        if (end.isAfter(history.to())) {
            throw new ConfigException(
                    "--to",
                    end + " is after the end of the history's period " + history.to()
                            + " (nothing is known about upstream after it)");
        }
        if (!start.isBefore(end)) {
            throw new ConfigException("--to", end + " is not after --from " + start);
        }
        positive("--interval", interval);
        positive("--build-duration", buildDuration);
        if (Duration.between(start, end).dividedBy(interval) > MAX_STEPS) {
            throw new ConfigException(
                    "--interval", interval + " walks more than " + MAX_STEPS + " steps from " + start + " to " + end);
        }
        for (String stream : config.streams()) {
            if (!history.streams().containsKey(stream)) {
                throw new ConfigException(
                        "coreos.streams",
                        "the history has no FCOS releases of stream " + stream + " (it has "
                                + history.streams().keySet().stream().sorted().toList() + ")");
            }
        }
        for (Arch arch : config.architectures()) {
            if (!history.architectures().contains(arch)) {
                throw new ConfigException(
                        "coreos.architectures",
                        "the history does not cover " + arch + " (it covers " + history.architectures() + ")");
            }
        }
        ImageReference image = config.targetImage().orElse(ImageReference.parse(DEFAULT_TARGET_IMAGE));
        return new ReplaySettings(
                start,
                end,
                interval,
                buildDuration,
                config.inFlightWindow(),
                maxAttempts,
                config.streams(),
                config.architectures(),
                config.zfsSeries(),
                config.zfsAllowDotZero(),
                config.blockedVersions(),
                image,
                config.targetTag());
    }

    /** {@code --from}: a date (its 00:00 UTC) or an instant. */
    public static Instant parseFrom(String text) {
        return moment("--from", text, false);
    }

    /** {@code --to}: a date means the whole day (up to the next 00:00 UTC), or an instant. */
    public static Instant parseTo(String text) {
        return moment("--to", text, true);
    }

    /** An ISO-8601 duration such as {@code PT30M}; the error names {@code option}. */
    public static Duration parseDuration(String option, String text) {
        try {
            Duration d = Duration.parse(text.strip());
            positive(option, d);
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    option, Printable.quote(text) + " is not an ISO-8601 duration such as PT30M or PT1H");
        }
    }

    /** The tag of the simulated image for a stream ({@code target.tag} with {@code {stream}} replaced). */
    public ImageReference imageFor(String stream) {
        return targetImage.withTag(targetTag.replace("{stream}", stream));
    }

    private static Instant moment(String option, String text, boolean wholeDay) {
        String value = text.strip();
        try {
            Instant at = HistoryParser.parseMoment(value);
            return wholeDay && value.length() == 10 ? at.plus(Duration.ofDays(1)) : at;
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    option,
                    Printable.quote(text) + " is neither a date (2025-01-31) nor an instant (2025-01-31T12:00:00Z)");
        }
    }

    private static void positive(String option, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(option, d + " must be positive: use a duration such as PT30M");
        }
    }
}
