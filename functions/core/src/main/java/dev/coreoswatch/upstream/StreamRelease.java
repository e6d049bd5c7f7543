package dev.coreoswatch.upstream;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Version;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The release per architecture in one stream's metadata; arches the document lacks are absent. */
public record StreamRelease(String stream, Map<Arch, Version> releases, Optional<Instant> lastModified, URI source) {
    public StreamRelease {
        releases = Map.copyOf(releases);
    }
}
