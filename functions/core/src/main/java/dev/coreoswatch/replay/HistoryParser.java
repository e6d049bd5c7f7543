package dev.coreoswatch.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.MajorMinor;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.StreamName;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.model.ZfsRelease;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the history format {@code coreos-watch-history/1} (documented in docs/replay.md). Strict:
 * unknown fields are rejected (a typo such as {@code "kernel"} must not silently mean "unknown"),
 * and every error names the entry and field, e.g. {@code fcos.stable[3].kernels.x86_64}.
 */
public final class HistoryParser {
    public static final String FORMAT = "coreos-watch-history/1";
    /** Same shape as the release tags read from GitHub: {@code zfs-2.4.4}, {@code zfs-2.4.0-rc1}. */
    private static final Pattern TAG = Pattern.compile("zfs-([0-9]{1,6}(?:\\.[0-9]{1,6}){2,3})(-rc[0-9]{1,3})?");

    private static final Set<String> ROOT_FIELDS = Set.of("format", "period", "architectures", "fcos", "zfs", "note");
    private static final Set<String> FCOS_FIELDS = Set.of("release", "date", "kernels", "kernelsVisible", "note");
    private static final Set<String> ZFS_FIELDS =
            Set.of("tag", "date", "published", "draft", "prerelease", "linuxMinimum", "linuxMaximum", "note");

    private final String source;

    private HistoryParser(String source) {
        this.source = source;
    }

    public static History parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.parse(json, source);
        } catch (JsonFormatException e) {
            throw new HistoryException(e.getMessage());
        }
        return new HistoryParser(source).history(root);
    }

    private History history(JsonNode root) {
        object(root, "the document");
        onlyFields(root, ROOT_FIELDS, "the document");
        String format = text(root, "format", "format");
        if (!FORMAT.equals(format)) {
            throw error("format", "expected " + Printable.quote(FORMAT) + ", got " + Printable.quote(format));
        }
        JsonNode period = object(field(root, "period", "period"), "period");
        onlyFields(period, Set.of("from", "to"), "period");
        Instant from = instant(period, "from", "period.from");
        Instant to = instant(period, "to", "period.to");
        if (!from.isBefore(to)) {
            throw error("period", "from " + from + " is not before to " + to);
        }
        List<Arch> arches = architectures(field(root, "architectures", "architectures"));
        Map<String, List<FcosRelease>> streams = streams(object(field(root, "fcos", "fcos"), "fcos"), arches);
        List<ZfsHistoryRelease> zfs = zfsReleases(field(root, "zfs", "zfs"));
        return new History(source, from, to, arches, streams, zfs);
    }

    private List<Arch> architectures(JsonNode node) {
        array(node, "architectures");
        List<Arch> arches = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "architectures[" + i + "]";
            Arch arch = value(where, stringAt(node.get(i), where), Arch::parse);
            if (arches.contains(arch)) {
                throw error(where, arch + " is listed twice");
            }
            arches.add(arch);
        }
        if (arches.isEmpty()) {
            throw error("architectures", "at least one architecture is required");
        }
        return arches;
    }

    private Map<String, List<FcosRelease>> streams(JsonNode fcos, List<Arch> arches) {
        Map<String, List<FcosRelease>> streams = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fcos.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String stream = value("fcos", entry.getKey(), StreamName::require);
            String where = "fcos." + stream;
            JsonNode list = array(entry.getValue(), where);
            if (list.isEmpty()) {
                throw error(where, "has no releases");
            }
            List<FcosRelease> releases = new ArrayList<>();
            Map<Version, FcosRelease> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                FcosRelease release = fcosRelease(list.get(i), where + "[" + i + "]", arches);
                if (!releases.isEmpty() && !releases.getLast().date().isBefore(release.date())) {
                    throw error(
                            where + "[" + i + "].date",
                            release.date() + " is not after the previous entry's "
                                    + releases.getLast().date() + " (entries are oldest first, one per moment)");
                }
                FcosRelease earlier = seen.putIfAbsent(release.version(), release);
                if (earlier != null
                        && (!earlier.kernels().equals(release.kernels())
                                || earlier.kernelsVisible() != release.kernelsVisible())) {
                    throw error(
                            where + "[" + i + "].kernels",
                            "release " + release.version() + " comes back with other kernels than at "
                                    + earlier.date());
                }
                releases.add(release);
            }
            streams.put(stream, List.copyOf(releases));
        }
        if (streams.isEmpty()) {
            throw error("fcos", "has no stream");
        }
        return streams;
    }

    private FcosRelease fcosRelease(JsonNode node, String where, List<Arch> arches) {
        object(node, where);
        onlyFields(node, FCOS_FIELDS, where);
        Version version = value(where + ".release", text(node, "release", where + ".release"), Version::parse);
        Instant date = instant(node, "date", where + ".date");
        JsonNode kernelsNode = object(field(node, "kernels", where + ".kernels"), where + ".kernels");
        Map<Arch, KernelVersion> kernels = new EnumMap<>(Arch.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = kernelsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = where + ".kernels." + Printable.excerpt(entry.getKey(), 20);
            Arch arch = value(at, entry.getKey(), Arch::parse);
            if (!arches.contains(arch)) {
                throw error(at, arch + " is not in the history's architectures " + arches);
            }
            if (!entry.getValue().isNull()) { // null: the kernel is unknown
                kernels.put(arch, value(at, stringAt(entry.getValue(), at), KernelVersion::parse));
            }
        }
        boolean visible = bool(node, "kernelsVisible", where, true);
        optionalString(node, "note", where);
        return new FcosRelease(version, date, kernels, visible);
    }

    private List<ZfsHistoryRelease> zfsReleases(JsonNode list) {
        array(list, "zfs");
        List<ZfsHistoryRelease> releases = new ArrayList<>();
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "zfs[" + i + "]";
            JsonNode node = object(list.get(i), where);
            onlyFields(node, ZFS_FIELDS, where);
            String tag = text(node, "tag", where + ".tag");
            Matcher m = TAG.matcher(tag);
            if (!m.matches()) {
                throw error(
                        where + ".tag",
                        Printable.quote(tag) + " is not an OpenZFS release tag (zfs-X.Y.Z or zfs-X.Y.Z-rcN)");
            }
            if (!tags.add(tag)) {
                throw error(where + ".tag", tag + " is listed twice");
            }
            Instant tagged = instant(node, "date", where + ".date");
            // A watcher sees a release once GitHub publishes it, which may be days after the tag.
            Instant date = node.has("published") ? instant(node, "published", where + ".published") : tagged;
            if (date.isBefore(tagged)) {
                throw error(where + ".published", date + " is before the tag's date " + tagged);
            }
            boolean draft = bool(node, "draft", where, false);
            // A release candidate is a prerelease whatever its flag says, as when read from GitHub.
            boolean prerelease = bool(node, "prerelease", where, false) || m.group(2) != null;
            MajorMinor min = value(
                    where + ".linuxMinimum", text(node, "linuxMinimum", where + ".linuxMinimum"), MajorMinor::parse);
            MajorMinor max = value(
                    where + ".linuxMaximum", text(node, "linuxMaximum", where + ".linuxMaximum"), MajorMinor::parse);
            if (min.compareTo(max) > 0) {
                throw error(where, "linuxMinimum " + min + " is above linuxMaximum " + max);
            }
            optionalString(node, "note", where);
            ZfsRelease release = new ZfsRelease(tag, Version.parse(m.group(1)), draft, prerelease, Optional.of(date));
            releases.add(new ZfsHistoryRelease(release, date, new LinuxRange(min, max)));
        }
        // Stable sort: releases of one moment keep the file's order.
        releases.sort(Comparator.comparing(ZfsHistoryRelease::date));
        return releases;
    }

    /** {@code 2024-07-03} (00:00 UTC that day) or an ISO-8601 instant such as {@code 2024-07-03T14:07:12Z}. */
    static Instant parseMoment(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(text);
    }

    private Instant instant(JsonNode node, String field, String where) {
        String text = text(node, field, where);
        try {
            return parseMoment(text);
        } catch (DateTimeParseException e) {
            throw error(
                    where,
                    Printable.quote(text) + " is neither a date (2024-07-03) nor an instant (2024-07-03T14:07:12Z)");
        }
    }

    private <T> T value(String where, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (InvalidValueException e) {
            throw error(where, e.getMessage());
        }
    }

    private JsonNode field(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw error(where, "is missing");
        }
        return value;
    }

    private String text(JsonNode node, String name, String where) {
        return stringAt(field(node, name, where), where);
    }

    private String stringAt(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw error(where, "is not a string");
        }
        return node.textValue();
    }

    private void optionalString(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value != null && !value.isTextual()) {
            throw error(where + "." + name, "is not a string");
        }
    }

    private boolean bool(JsonNode node, String name, String where, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(where + "." + name, "is not true or false");
        }
        return value.booleanValue();
    }

    private JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw error(where, "is not a JSON object");
        }
        return node;
    }

    private JsonNode array(JsonNode node, String where) {
        if (node == null || !node.isArray()) {
            throw error(where, "is not a JSON array");
        }
        return node;
    }

    private void onlyFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(
                        where,
                        "has an unknown field " + Printable.quote(name) + " (known: "
                                + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private HistoryException error(String where, String message) {
        return new HistoryException(source + ": " + where + ": " + message);
    }
}
