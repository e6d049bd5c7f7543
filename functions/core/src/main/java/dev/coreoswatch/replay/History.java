package dev.coreoswatch.replay;

import dev.coreoswatch.model.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What upstream published over a period: per FCOS stream, the release it pointed at from each
 * date on (oldest first; an older version may come back), and every OpenZFS release (by date).
 * The history is complete between {@code from} and {@code to}; a replay stays inside them.
 */
public record History(
        String source,
        Instant from,
        Instant to,
        List<Arch> architectures,
        Map<String, List<FcosRelease>> streams,
        List<ZfsHistoryRelease> zfs) {
    /** The real history shipped with coreos-watch (see {@code replay/SOURCES.md} next to it). */
    public static final String SHIPPED_RESOURCE = "/replay/history.json";

    private static final long MAX_BYTES = 16L * 1024 * 1024;

    public History {
        architectures = List.copyOf(architectures);
        streams = Map.copyOf(streams);
        zfs = List.copyOf(zfs);
    }

    public static History shipped() {
        try (InputStream in = History.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new HistoryException("the shipped history " + SHIPPED_RESOURCE + " is missing from the jar");
            }
            return HistoryParser.parse(in.readAllBytes(), "shipped history");
        } catch (IOException e) {
            throw new HistoryException("cannot read the shipped history: " + e.getMessage());
        }
    }

    public static History read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new HistoryException("history " + file + " is not a readable file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new HistoryException("history " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            return HistoryParser.parse(Files.readAllBytes(file), "history " + file);
        } catch (IOException e) {
            throw new HistoryException("cannot read history " + file + ": " + e.getMessage());
        }
    }
}
