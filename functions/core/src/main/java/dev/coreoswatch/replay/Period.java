package dev.coreoswatch.replay;

import dev.coreoswatch.model.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run of consecutive HOLD (or ERROR) decisions of one stream, from the first such run to the
 * first run that decided otherwise; {@code ongoing} when the replay ended inside it. {@code reasons}
 * are the distinct reasons given, in order (a new release may be held for a new reason).
 */
public record Period(Action action, Instant start, Instant end, boolean ongoing, List<String> reasons) {
    public Period {
        reasons = List.copyOf(reasons);
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
