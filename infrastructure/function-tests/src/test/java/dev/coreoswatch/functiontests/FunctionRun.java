package dev.coreoswatch.functiontests;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.local.InvocationResult;
import dev.coreoswatch.local.LocalInvoke;

/**
 * One invocation of a function in its own JVM: how the runtime answered ({@code answer} null when it did not,
 * then {@code failure} says why), the timings, and everything the child wrote to stdout and stderr.
 */
record FunctionRun(String function, InvocationResult answer, String failure, LocalInvoke.Timings timings, String log) {

    /** The handler's answer as JSON; fails the test, with the child's log, if it did not answer normally. */
    JsonNode response() {
        if (answer instanceof InvocationResult.Response response) {
            return Json.parse(response.body(), function + " response");
        }
        return fail(function + " did not answer normally: " + describe());
    }

    /** The runtime's error report; fails the test if the handler did not throw. */
    InvocationResult.FunctionError functionError() {
        if (answer instanceof InvocationResult.FunctionError error) {
            return error;
        }
        return fail(function + " was expected to fail with a function error: " + describe());
    }

    /**
     * The exception the handler threw, as the runtime reports it in the error body ({@code errorType},
     * {@code errorMessage}); the error's header type is only {@code Runtime.UserException}.
     */
    JsonNode thrown() {
        InvocationResult.FunctionError error = functionError();
        return Json.parse(error.body(), function + " error");
    }

    String describe() {
        String what = answer == null
                ? "no answer (" + failure + ")"
                : answer.getClass().getSimpleName() + " " + answer.bodyText();
        return what + "\n--- log of " + function + " ---\n" + log;
    }
}
