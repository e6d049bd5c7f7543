package dev.coreoswatch.bench;

import dev.coreoswatch.local.FunctionDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One thing the bench starts: a function of the template (or the floor), the event of its first invocation,
 * the environment of one run (fresh per run where a run leaves state behind), and what a real answer looks like.
 *
 * @param answerCheck true when the answer shows the function did its whole work (a dispatch, a publish, ...)
 * @param warm        a second invocation of the same runtime after the first, or null
 */
record FunctionCase(
        String name,
        FunctionDefinition definition,
        byte[] event,
        Supplier<Map<String, String>> environment,
        String expected,
        Predicate<String> answerCheck,
        Warm warm) {
    FunctionCase(
            String name,
            FunctionDefinition definition,
            byte[] event,
            Supplier<Map<String, String>> environment,
            String expected,
            Predicate<String> answerCheck) {
        this(name, definition, event, environment, expected, answerCheck, null);
    }

    boolean isFloor() {
        return name.equals(Cases.FLOOR) || name.equals(Cases.FLOOR_DYNAMODB);
    }

    /**
     * The warm second invocation: {@code before} runs between the two, {@code problem} judges the second answer and
     * what the servers saw meanwhile (empty: it did what a warm run with nothing new should).
     */
    record Warm(byte[] event, String expected, Runnable before, Function<String, Optional<String>> problem) {}
}
