package dev.coreoswatch.bench;

import dev.coreoswatch.local.FunctionDefinition;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One thing the bench starts: a function of the template (or the floor), the event of its first invocation,
 * the environment of one run (fresh per run where a run leaves state behind), and what a real answer looks like.
 *
 * @param answerCheck true when the answer shows the function did its whole work (a dispatch, a publish, ...)
 */
record FunctionCase(String name, FunctionDefinition definition, byte[] event, Supplier<Map<String, String>> environment,
                    String expected, Predicate<String> answerCheck) {
}
