package dev.coreoswatch.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.UriPaths;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.StreamName;
import dev.coreoswatch.model.Version;
import java.net.URI;
import java.util.Optional;

/**
 * The kernel of a build from its {@code commitmeta.json}: the {@code rpmostree.rpmdb.pkglist}
 * entry {@code kernel} (else {@code kernel-core}), {@code [name, epoch, version, release, arch]},
 * gives {@code <version>-<release>.<arch>}.
 *
 * <p>Absent (the chain goes on): a 404, or a document whose package list is missing or holds
 * neither package. A fault (any other status, no answer, a malformed document or entry) throws:
 * guessing "unknown" on a fault could dispatch a doomed build.
 */
public final class CommitmetaKernelSource implements KernelSource {
    public static final String NAME = "commitmeta.json";
    // One key with dots in it, not a path: rpm-ostree's commit metadata is flat.
    private static final String PKGLIST = "rpmostree.rpmdb.pkglist";

    private final Http http;
    private final URI metadataUrl;

    public CommitmetaKernelSource(Http http, URI metadataUrl) {
        this.http = http;
        this.metadataUrl = metadataUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<KernelVersion> kernel(String stream, Version release, Arch arch) {
        StreamName.require(stream);
        URI uri = UriPaths.join(
                metadataUrl,
                "/prod/streams/" + stream + "/builds/" + release.text() + "/" + arch.fcosName() + "/commitmeta.json");
        String what = "commitmeta.json of " + stream + " " + release + " " + arch;
        Optional<byte[]> body = UpstreamHttp.fetch(http, uri, what);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.parse(body.get(), what + " at " + uri);
        } catch (JsonFormatException e) {
            throw new UpstreamFormatException(e.getMessage());
        }
        if (!root.isObject()) {
            throw new UpstreamFormatException(what + " at " + uri + " is not a JSON object");
        }
        JsonNode packages = root.get(PKGLIST);
        if (packages == null || packages.isNull()) {
            return Optional.empty();
        }
        if (!packages.isArray()) {
            throw new UpstreamFormatException(what + ": " + PKGLIST + " is not an array");
        }
        Optional<KernelVersion> kernel = find(packages, "kernel", arch, what);
        return kernel.isPresent() ? kernel : find(packages, "kernel-core", arch, what);
    }

    private static Optional<KernelVersion> find(JsonNode packages, String name, Arch arch, String what) {
        KernelVersion found = null;
        for (int i = 0; i < packages.size(); i++) {
            JsonNode entry = packages.get(i);
            if (!entry.isArray() || entry.isEmpty() || !entry.get(0).isTextual()) {
                throw new UpstreamFormatException(
                        what + ": " + PKGLIST + "[" + i + "] is not [name, epoch, version, release, arch]");
            }
            if (!entry.get(0).textValue().equals(name)) {
                continue;
            }
            KernelVersion kernel = kernelOf(entry, name, arch, what);
            if (found != null && !found.equals(kernel)) {
                throw new UpstreamFormatException(
                        what + ": " + PKGLIST + " lists two " + name + " packages, " + found + " and " + kernel);
            }
            found = kernel;
        }
        return Optional.ofNullable(found);
    }

    private static KernelVersion kernelOf(JsonNode entry, String name, Arch arch, String what) {
        if (entry.size() != 5) {
            throw new UpstreamFormatException(what + ": the " + name + " entry does not have 5 fields");
        }
        for (int f = 1; f < 5; f++) {
            if (!entry.get(f).isTextual()) {
                throw new UpstreamFormatException(what + ": the " + name + " entry has a field that is not a string");
            }
        }
        String version = entry.get(2).textValue();
        String release = entry.get(3).textValue();
        String packageArch = entry.get(4).textValue();
        if (!packageArch.equals(arch.fcosName())) {
            throw new UpstreamFormatException(
                    what + ": the " + name + " package is built for " + Printable.quote(packageArch));
        }
        String text = version + "-" + release + "." + packageArch;
        try {
            return KernelVersion.parse(text);
        } catch (InvalidValueException e) {
            throw new UpstreamFormatException(what + ": the " + name + " package gives " + Printable.quote(text)
                    + ", which is not a kernel version");
        }
    }
}
