package dev.coreoswatch.pipeline;

import dev.coreoswatch.decision.TargetState;
import dev.coreoswatch.model.Arch;
import java.util.List;
import java.util.Map;

/** The target image of one stream as the run follower reads it: labels (and visibility), and manifest digests per arch. */
public record ImageRead(TargetState state, Map<Arch, String> digests) {
    public ImageRead {
        digests = Map.copyOf(digests);
    }

    /** Reads the image at a stream's tag for the given arches. */
    @FunctionalInterface
    public interface Reader {
        ImageRead read(String stream, List<Arch> arches);
    }
}
