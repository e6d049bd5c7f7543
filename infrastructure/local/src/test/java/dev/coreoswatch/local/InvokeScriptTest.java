package dev.coreoswatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infrastructure/local/invoke itself: the bash wrapper, its exit codes and its clean-up. */
class InvokeScriptTest {

    @TempDir
    static Path dir;

    static Path template;
    static Path event;

    @BeforeAll
    static void fixture() throws IOException {
        template = FunctionFixture.create(dir);
        event = dir.resolve("build-required.json");
        Files.writeString(event, "{\"detail-type\":\"BuildRequired\",\"detail\":{\"schemaVersion\":1}}");
    }

    private static ProcessBuilder script(String... args) {
        String script = System.getProperty("coreos.watch.invoke.script");
        List<String> command = new ArrayList<>(List.of("bash", script, "--template", template.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) throws Exception {
        Process process = script(args).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "script finished");
        return new Run(process.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void printsTheAnswerOnStdoutAndExitsZero() throws Exception {
        Run run = run("EchoFunction", event.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(Files.readString(event) + "\n", run.out());
        assertTrue(run.err().contains("EchoFunction init "), run.err());
    }

    @Test
    void handlerErrorExitsNonZeroWithTheErrorJsonOnStderr() throws Exception {
        Run run = run("FailingFunction", event.toString());

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("\"errorMessage\":\"refusing this event on purpose\""), run.err());
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        Run run = run("EchoFunction", dir.resolve("absent.json").toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("absent.json does not exist"), run.err());
    }

    @Test
    void terminatingTheScriptStopsTheLauncherAndTheFunctionJvm() throws Exception {
        Process process = script("SlowBlockingFunction", event.toString()).start();
        CompletableFuture<Matcher> started = new CompletableFuture<>();
        Pattern pids = Pattern.compile("started SlowBlockingFunction in pid (\\d+) \\(launcher pid (\\d+)");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher m = pids.matcher(line);
                    if (m.find()) {
                        started.complete(m);
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
            started.completeExceptionally(new AssertionError("script ended without starting the function"));
        });
        reader.setDaemon(true);
        reader.start();
        Matcher m = started.get(60, TimeUnit.SECONDS);
        long functionPid = Long.parseLong(m.group(1));
        long launcherPid = Long.parseLong(m.group(2));

        process.destroy(); // SIGTERM to bash, as a Ctrl-C'd or killed terminal would

        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "script exits");
        assertEquals(143, process.exitValue());
        for (long pid : new long[] {launcherPid, functionPid}) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                handle.get().onExit().get(15, TimeUnit.SECONDS);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is gone");
        }
    }
}
