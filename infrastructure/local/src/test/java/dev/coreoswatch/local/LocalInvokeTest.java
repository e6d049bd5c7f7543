package dev.coreoswatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java core of infrastructure/local/invoke, run against real child JVMs with the test handlers. */
class LocalInvokeTest {

    @TempDir
    static Path dir;

    static Path template;
    static Path event;

    @BeforeAll
    static void fixture() throws IOException {
        template = FunctionFixture.create(dir);
        event = dir.resolve("event.json");
        Files.writeString(event, "{\"streams\":[\"testing\"],\"force\":true,\"note\":\"ünïcode ✓\"}");
    }

    private record Run(int exit, String out, String err) {}

    private static Run invoke(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 4];
        all[0] = "--template";
        all[1] = template.toString();
        all[2] = "--ric-classpath";
        all[3] = FunctionFixture.ricClasspath();
        System.arraycopy(args, 0, all, 4, args.length);
        int exit = new LocalInvoke(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void answerOfTheHandlerIsPrintedOnStdoutAndNothingElse() throws IOException {
        Run run = invoke("EchoFunction", event.toString());

        assertEquals(LocalInvoke.OK, run.exit(), run.err());
        assertEquals(Files.readString(event) + "\n", run.out());
    }

    @Test
    void timingsOfInitAndInvokeGoToStderr() throws IOException {
        Run run = invoke("EchoFunction", event.toString());

        Matcher m = Pattern.compile("EchoFunction init (\\d+) ms .* invoke (\\d+) ms .* total (\\d+) ms")
                .matcher(run.err());
        assertTrue(m.find(), run.err());
        long init = Long.parseLong(m.group(1));
        long invoke = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        assertTrue(init > 0, "a JVM start takes time: " + run.err());
        assertTrue(total >= init + invoke, run.err());
    }

    @Test
    void runtimePassesRequestContextAndLambdaEnvironmentToTheHandler() throws IOException {
        Run run = invoke("ContextFunction", event.toString());

        assertEquals(LocalInvoke.OK, run.exit(), run.err());
        String json = run.out();
        assertTrue(json.contains("\"functionName\":\"ContextFunction\""), json);
        assertTrue(json.contains("\"memoryLimitInMB\":320"), json);
        assertTrue(json.contains("\"greeting\":\"hello from the template\""), json);
        assertTrue(
                json.contains("\"handlerVariable\":\"dev.coreoswatch.local.handlers.ContextHandler::handleRequest\""),
                json);
        assertTrue(
                json.matches(
                        "(?s).*\"invokedFunctionArn\":\"arn:aws:lambda:[a-z0-9-]+:000000000000:function:ContextFunction\".*"),
                json);
        assertTrue(json.matches("(?s).*\"requestId\":\"[0-9a-f-]{36}\".*"), json);
        Matcher remaining = Pattern.compile("\"remainingTimeInMillis\":(\\d+)").matcher(json);
        assertTrue(remaining.find(), json);
        long millis = Long.parseLong(remaining.group(1));
        assertTrue(millis > 0 && millis <= 20_000, "deadline follows the template's Timeout of 20 s: " + millis);
        Matcher heap = Pattern.compile("\"maxHeapMb\":(\\d+)").matcher(json);
        assertTrue(heap.find(), json);
        assertTrue(Long.parseLong(heap.group(1)) <= 320, "heap is sized from MemorySize: " + json);
    }

    @Test
    void aGivenEnvironmentReplacesTheCallersAndStillYieldsToLambdasOwnVariables() throws IOException {
        FunctionDefinition function = SamTemplate.load(template).function("ContextFunction");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LocalInvoke invoke = new LocalInvoke(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        LocalInvoke.Outcome outcome = invoke.invoke(
                function,
                Files.readAllBytes(event),
                FunctionFixture.ricClasspath(),
                FunctionFixture.java(),
                Duration.ofSeconds(30),
                Map.of("GREETING", "from the caller", "AWS_REGION", "eu-north-1", "_HANDLER", "not.This::one"));

        assertTrue(outcome.answer() instanceof InvocationResult.Response, outcome.failure() + " " + err);
        String json = outcome.answer().bodyText();
        assertTrue(
                json.contains("\"greeting\":\"from the caller\""),
                "the caller's value wins over the template's: " + json);
        assertTrue(json.contains("arn:aws:lambda:eu-north-1:000000000000:function:ContextFunction"), json);
        assertTrue(
                json.contains("\"handlerVariable\":\"dev.coreoswatch.local.handlers.ContextHandler::handleRequest\""),
                "Lambda's own variables always win: " + json);
    }

    @Test
    void handlerExceptionIsAFunctionErrorWithTheRuntimesErrorJson() throws IOException {
        Run run = invoke("FailingFunction", event.toString());

        assertEquals(LocalInvoke.FUNCTION_FAILED, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("FailingFunction failed with"), run.err());
        assertTrue(run.err().contains("\"errorMessage\":\"refusing this event on purpose\""), run.err());
        assertTrue(run.err().contains("\"errorType\":\"java.lang.IllegalStateException\""), run.err());
    }

    @Test
    void handlerThatCannotBeConstructedIsAnInitError() throws IOException {
        Run run = invoke("InitFailingFunction", event.toString());

        assertEquals(LocalInvoke.FUNCTION_FAILED, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("InitFailingFunction could not initialise"), run.err());
        assertTrue(run.err().contains("configuration key missing on purpose"), run.err());
    }

    @Test
    void handlerThatNeverAnswersTimesOutAfterTheTemplatesTimeout() throws IOException {
        Run run = invoke("BlockingFunction", event.toString());

        assertEquals(LocalInvoke.RUNTIME_FAILED, run.exit());
        assertTrue(run.err().contains("Task timed out after 1.00 seconds"), run.err());
    }

    @Test
    void runtimeThatDiesMidInvocationIsReportedWithItsExitCode() throws IOException {
        Run run = invoke("ExitingFunction", event.toString());

        assertEquals(LocalInvoke.RUNTIME_FAILED, run.exit());
        assertTrue(run.err().contains("exited with code 7 during the invocation"), run.err());
    }

    @Test
    void unknownFunctionNamesTheFunctionsThatExist() throws IOException {
        Run run = invoke("NoSuchFunction", event.toString());

        assertEquals(LocalInvoke.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("no function NoSuchFunction"), run.err());
        assertTrue(run.err().contains("EchoFunction"), run.err());
    }

    @Test
    void missingJarSaysToBuildFirst() throws IOException {
        Run run = invoke("MissingJarFunction", event.toString());

        assertEquals(LocalInvoke.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("not-built.jar"), run.err());
        assertTrue(run.err().contains("build it first"), run.err());
    }

    @Test
    void malformedEventIsRejectedBeforeAnyJvmStarts() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"streams\": [\"stable\",]\n}");

        Run run = invoke("EchoFunction", broken.toString());

        assertEquals(LocalInvoke.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("is not valid JSON"), run.err());
        assertTrue(run.err().contains("line 1"), run.err());
        assertTrue(!run.err().contains("start to first /next"), "no runtime was started: " + run.err());
    }

    @Test
    void missingArgumentsPrintUsage() throws IOException {
        Run run = invoke("EchoFunction");

        assertEquals(LocalInvoke.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("usage: invoke"), run.err());
    }
}
