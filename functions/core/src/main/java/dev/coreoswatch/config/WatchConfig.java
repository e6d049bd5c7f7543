package dev.coreoswatch.config;

import dev.coreoswatch.github.CleartextRule;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.model.StreamName;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.registry.ImageReference;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Every key of docs/contract.md section 2, validated once at start; nothing else reads configuration. */
public record WatchConfig(
        List<String> streams,
        List<Arch> architectures,
        URI metadataUrl,
        ImageReference coreosImage,
        Set<String> blockedVersions,
        String zfsRepository,
        Optional<Version> zfsSeries,
        boolean zfsAllowDotZero,
        Optional<ImageReference> targetImage,
        String targetTag,
        Set<String> plainHttpHosts,
        Optional<String> registryUsername,
        Optional<Secret> registryPassword,
        URI githubApiUrl,
        Optional<Secret> githubToken,
        Optional<String> githubTokenSecretArn,
        Optional<String> workflowRepository,
        String workflowFile,
        String workflowRef,
        Duration inFlightWindow,
        boolean dryRun,
        Optional<String> ledgerTable,
        Optional<String> eventBusName,
        Optional<String> notifyTopicArn,
        BuildPolicy builds) {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    private static final Pattern WORKFLOW_FILE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_./-]{1,200}");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    public static WatchConfig load(ConfigSource source) {
        Reader r = new Reader(source);
        WatchConfig config = new WatchConfig(
                r.list("coreos.streams", "stable", StreamName::require),
                r.list("coreos.architectures", "x86_64,aarch64", Arch::parse),
                r.url("coreos.metadata-url", "https://builds.coreos.fedoraproject.org"),
                r.value("coreos.image", "quay.io/fedora/fedora-coreos", ImageReference::parse),
                Set.copyOf(r.list("coreos.blocked-versions", "", Version::parse).stream()
                        .map(Version::text)
                        .toList()),
                r.value(
                        "zfs.repository",
                        "openzfs/zfs",
                        v -> ValueRules.notDotSegments(
                                "repository",
                                matching("repository", v, REPOSITORY, "use owner/name such as openzfs/zfs"))),
                r.optional("zfs.series", Version::parse),
                r.bool("zfs.allow-dot-zero", false),
                r.optional("target.image", ValueRules::repositoryOnly),
                r.value("target.tag", "{stream}", v -> {
                    ImageReference.parse("x/y:" + v.replace("{stream}", "stream"));
                    return v;
                }),
                new LinkedHashSet<>(r.list(
                        "registry.plain-http",
                        "",
                        v -> matching("host:port", v, HOST_PORT, "use a host or host:port such as localhost:5000"))),
                r.optional("registry.username", ValueRules::userName),
                r.optional("registry.password", ValueRules::password),
                r.url("github.api-url", "https://api.github.com"),
                r.optional("github.token", ValueRules::bearerToken),
                r.optional("github.token-secret-arn", v -> v),
                r.optional(
                        "github.workflow.repository",
                        v -> ValueRules.notDotSegments(
                                "repository",
                                matching("repository", v, REPOSITORY, "use owner/name such as openzfs/zfs"))),
                r.value(
                        "github.workflow.file",
                        "build.yaml",
                        v -> ValueRules.notDotSegments(
                                "workflow file",
                                matching("workflow file", v, WORKFLOW_FILE, "use a file name such as build.yaml"))),
                // Checked when a dispatch needs it (dispatchRef): GitHub Actions sets a GITHUB_WORKFLOW_REF of its
                // own in every job, and a dry run there must not fail on it.
                r.value("github.workflow.ref", "main", v -> v),
                r.value("dispatch.in-flight-window", "PT3H", v -> ValueRules.inFlightWindow(duration(v))),
                r.bool("dispatch.dry-run", false),
                r.optional("ledger.table", v -> v),
                r.optional("events.bus-name", v -> v),
                // An addition to docs/contract.md section 2: where operators are told about holds, dispatches,
                // failures.
                r.optional(
                        "notify.topic-arn",
                        v -> matching("SNS topic ARN", v, TOPIC_ARN, "use arn:aws:sns:<region>:<account>:<topic>")),
                new BuildPolicy(
                        r.bool("coreos.allow-downgrade", false),
                        r.value("dispatch.max-attempts", "2", WatchConfig::attempts),
                        r.value("dispatch.verify-grace", "PT15M", WatchConfig::grace)));
        if (config.streams.isEmpty()) {
            throw new ConfigException("coreos.streams", "at least one stream is required");
        }
        if (config.architectures.isEmpty()) {
            throw new ConfigException("coreos.architectures", "at least one architecture is required");
        }
        if ((config.githubToken.isPresent() || config.githubTokenSecretArn.isPresent())
                && !CleartextRule.mayCarryCredentials(config.githubApiUrl, config.plainHttpHosts)) {
            throw new ConfigException(
                    "github.api-url",
                    "plain http to a host that is neither loopback nor listed in"
                            + " registry.plain-http would carry the GitHub token in clear text; use https");
        }
        if (config.registryPassword.isPresent() != config.registryUsername.isPresent()) {
            throw new ConfigException("registry.username", "registry.username and registry.password go together");
        }
        return config;
    }

    /**
     * The ref to dispatch the workflow on, validated. A value shaped like the variable GitHub Actions sets
     * in every job ({@code owner/repo/.github/workflows/x.yml@refs/heads/main}) gets a message of its own.
     */
    public String dispatchRef() {
        if (workflowRef.contains("/.github/workflows/") && workflowRef.contains("@")) {
            throw new ConfigException(
                    "github.workflow.ref",
                    "GITHUB_WORKFLOW_REF holds " + Printable.quote(workflowRef)
                            + ", the variable GitHub Actions sets for the running workflow; pass the ref to dispatch on as"
                            + " -Dgithub.workflow.ref=<branch> (system properties win over the environment)");
        }
        if (!isRef(workflowRef)) {
            throw new ConfigException(
                    "github.workflow.ref",
                    new InvalidValueException("ref", workflowRef, "use a branch or tag name such as main")
                            .getMessage());
        }
        return workflowRef;
    }

    /** A branch or tag name the dispatch may carry: no path tricks, no Actions workflow reference. */
    public static boolean isRef(String ref) {
        return REF.matcher(ref).matches() && !ref.contains("..") && !ref.contains("/.github/workflows/");
    }

    /** Whether a key without a default was given; keys with a default are always set. */
    public boolean isSet(String key) {
        return switch (key) {
            case "target.image" -> targetImage.isPresent();
            case "events.bus-name" -> eventBusName.isPresent();
            case "notify.topic-arn" -> notifyTopicArn.isPresent();
            case "ledger.table" -> ledgerTable.isPresent();
            case "github.workflow.repository" -> workflowRepository.isPresent();
            case "github.token" -> githubToken.isPresent();
            case "github.token-secret-arn" -> githubTokenSecretArn.isPresent();
            case "zfs.series" -> zfsSeries.isPresent();
            case "registry.username" -> registryUsername.isPresent();
            case "registry.password" -> registryPassword.isPresent();
            default -> true;
        };
    }

    /** Fails naming the first missing key, for a door that cannot work without them. */
    public void require(List<String> keys, String who) {
        for (String key : keys) {
            if (!isSet(key)) {
                throw new ConfigException(key, who + " needs " + key + " (" + ConfigSource.environmentName(key) + ")");
            }
        }
    }

    /** The tag inspected for a stream: {@code target.tag} with {@code {stream}} replaced. */
    public String tagFor(String stream) {
        return targetTag.replace("{stream}", stream);
    }

    public WatchConfig withStreams(List<String> newStreams) {
        return new WatchConfig(
                newStreams.stream().map(StreamName::require).toList(),
                architectures,
                metadataUrl,
                coreosImage,
                blockedVersions,
                zfsRepository,
                zfsSeries,
                zfsAllowDotZero,
                targetImage,
                targetTag,
                plainHttpHosts,
                registryUsername,
                registryPassword,
                githubApiUrl,
                githubToken,
                githubTokenSecretArn,
                workflowRepository,
                workflowFile,
                workflowRef,
                inFlightWindow,
                dryRun,
                ledgerTable,
                eventBusName,
                notifyTopicArn,
                builds);
    }

    public WatchConfig withArchitectures(List<Arch> newArchitectures) {
        return new WatchConfig(
                streams,
                List.copyOf(newArchitectures),
                metadataUrl,
                coreosImage,
                blockedVersions,
                zfsRepository,
                zfsSeries,
                zfsAllowDotZero,
                targetImage,
                targetTag,
                plainHttpHosts,
                registryUsername,
                registryPassword,
                githubApiUrl,
                githubToken,
                githubTokenSecretArn,
                workflowRepository,
                workflowFile,
                workflowRef,
                inFlightWindow,
                dryRun,
                ledgerTable,
                eventBusName,
                notifyTopicArn,
                builds);
    }

    public WatchConfig withTargetImage(ImageReference image) {
        return new WatchConfig(
                streams,
                architectures,
                metadataUrl,
                coreosImage,
                blockedVersions,
                zfsRepository,
                zfsSeries,
                zfsAllowDotZero,
                Optional.of(image),
                targetTag,
                plainHttpHosts,
                registryUsername,
                registryPassword,
                githubApiUrl,
                githubToken,
                githubTokenSecretArn,
                workflowRepository,
                workflowFile,
                workflowRef,
                inFlightWindow,
                dryRun,
                ledgerTable,
                eventBusName,
                notifyTopicArn,
                builds);
    }

    private static String matching(String what, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidValueException(what, value, expected);
        }
        return value;
    }

    private static int attempts(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidValueException(Printable.quote(value) + " is not a whole number from 1 to 100");
    }

    /** Zero is allowed: a success whose image lacks the labels then fails at once. */
    private static Duration grace(String value) {
        Duration d = isoDuration(value);
        if (d.isNegative()) {
            throw new InvalidValueException("duration", value, "use a duration of zero or more such as PT15M");
        }
        return d;
    }

    private static Duration duration(String value) {
        Duration d = isoDuration(value);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidValueException("duration", value, "use a positive ISO-8601 duration such as PT3H");
        }
        return d;
    }

    private static Duration isoDuration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("duration", value, "use an ISO-8601 duration such as PT3H");
        }
    }

    /** Reads one key and turns any parse failure into a {@link ConfigException} naming it. */
    private record Reader(ConfigSource source) {
        <T> T value(String key, String fallback, Function<String, T> parse) {
            return parse(key, source.get(key).orElse(fallback).strip(), parse);
        }

        <T> Optional<T> optional(String key, Function<String, T> parse) {
            return source.get(key).map(String::strip).filter(v -> !v.isEmpty()).map(v -> parse(key, v, parse));
        }

        <T> List<T> list(String key, String fallback, Function<String, T> parse) {
            String raw = source.get(key).orElse(fallback);
            return Arrays.stream(raw.split(","))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .distinct()
                    .map(v -> parse(key, v, parse))
                    .toList();
        }

        boolean bool(String key, boolean fallback) {
            String raw =
                    source.get(key).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse(String.valueOf(fallback));
            return switch (raw) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0", "" -> false;
                default ->
                    throw new ConfigException(
                            key, new InvalidValueException("boolean", raw, "use true or false").getMessage());
            };
        }

        URI url(String key, String fallback) {
            return value(key, fallback, v -> {
                URI uri;
                try {
                    uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException(
                            "URL", ValueRules.urlForMessage(v), "use an http(s) URL such as https://api.github.com");
                }
                if (uri.getHost() == null
                        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                        || uri.getRawQuery() != null
                        || uri.getRawUserInfo() != null) {
                    throw new InvalidValueException(
                            "URL",
                            ValueRules.urlForMessage(v),
                            "use an http(s) URL without query or user info such as https://api.github.com");
                }
                return uri;
            });
        }

        private static <T> T parse(String key, String value, Function<String, T> parse) {
            try {
                return parse.apply(value);
            } catch (InvalidValueException | IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }
    }
}
