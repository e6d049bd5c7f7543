package dev.coreoswatch.config;

import java.util.Set;

/** The key names a configuration document may hold (CONTRACT sections 2 and 2b). */
final class ConfigKeys {
    /** Every key of section 2 that belongs in a document (config.file and config.parameter point at one). */
    static final Set<String> TOP_LEVEL = Set.of(
            "coreos.streams",
            "coreos.architectures",
            "coreos.metadata-url",
            "coreos.image",
            "coreos.blocked-versions",
            "coreos.allow-downgrade",
            "zfs.repository",
            "zfs.series",
            "zfs.allow-dot-zero",
            "target.image",
            "target.tag",
            "registry.plain-http",
            "registry.username",
            "registry.password",
            "registry.credentials-secret-arn",
            "github.api-url",
            "github.token",
            "github.token-secret-arn",
            "github.workflow.repository",
            "github.workflow.file",
            "github.workflow.ref",
            "dispatch.in-flight-window",
            "dispatch.dry-run",
            "dispatch.max-attempts",
            "dispatch.verify-grace",
            "ledger.table",
            "events.bus-name",
            "notify.topic-arn");

    /** What a target may set for itself; everything else is shared by the fleet. */
    static final Set<String> PER_TARGET = Set.of(
            "target.image",
            "target.tag",
            "coreos.streams",
            "coreos.architectures",
            "coreos.blocked-versions",
            "coreos.allow-downgrade",
            "zfs.series",
            "zfs.allow-dot-zero",
            "github.workflow.repository",
            "github.workflow.file",
            "github.workflow.ref",
            "dispatch.in-flight-window",
            "dispatch.max-attempts");

    private ConfigKeys() {}
}
