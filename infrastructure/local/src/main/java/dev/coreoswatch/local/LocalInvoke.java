package dev.coreoswatch.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * {@code infrastructure/local/invoke FUNCTION EVENT}: runs one function of template.yaml once, on this machine,
 * through the real runtime interface client and a loopback {@link LambdaRuntimeApi}. The answer goes to standard
 * output, everything else (the function's logs, errors, timings) to standard error.
 *
 * <p>Exit codes: 0 the function answered; 1 the function failed (handler threw, or could not initialise);
 * 2 bad usage, template, code path or event file; 3 the runtime misbehaved (timed out, died).
 */
public final class LocalInvoke {

    public static final int OK = 0;
    public static final int FUNCTION_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int RUNTIME_FAILED = 3;

    static final String USAGE = """
            usage: invoke [--template FILE] [--ric-classpath CLASSPATH] [--java JAVA] [--init-timeout SECONDS] FUNCTION EVENT_FILE
              FUNCTION    logical id of an AWS::Serverless::Function in the template, e.g. UpstreamWatcherFunction
              EVENT_FILE  the JSON payload, e.g. infrastructure/events/manual-check.json""";

    /** How long a stopped runtime may take to exit before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final PrintStream out;
    private final PrintStream err;
    private final Duration stopGrace;

    public LocalInvoke(PrintStream out, PrintStream err) {
        this(out, err, STOP_GRACE);
    }

    /** {@code stopGrace}: longer for a JVM that has work to do at exit (e.g. writing a CDS archive). */
    public LocalInvoke(PrintStream out, PrintStream err, Duration stopGrace) {
        this.out = out;
        this.err = err;
        this.stopGrace = stopGrace;
    }

    public static void main(String[] args) {
        System.exit(new LocalInvoke(System.out, System.err).run(args));
    }

    /** How long one run took; {@code invoke} is zero when the runtime never received the event. */
    public record Timings(Duration init, Duration invoke, Duration total) {}

    /**
     * The runtime's answer, or (answer null) why there is none. {@code usage} is the child's peak resident set and
     * CPU time, read just before it was stopped (unknown where /proc cannot tell, e.g. the child had exited).
     */
    public record Outcome(InvocationResult answer, String failure, Timings timings, ProcessUsage usage, Second second) {
        Outcome(InvocationResult answer, String failure, Timings timings) {
            this(answer, failure, timings, ProcessUsage.UNKNOWN, null);
        }

        Outcome with(ProcessUsage measured) {
            return new Outcome(answer, failure, timings, measured, second);
        }

        Outcome with(Second warm) {
            return new Outcome(answer, failure, timings, usage, warm);
        }
    }

    /** A second event to the same, now warm, runtime: its answer (null: none in time) and the event's delivery to it. */
    public record Second(InvocationResult answer, Duration invoke) {}

    record Options(Path template, String function, Path event, String ricClasspath, Path java, Duration initTimeout) {

        static Options parse(String[] args) {
            Path template = Path.of("template.yaml");
            String ricClasspath = null;
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Duration initTimeout = Duration.ofSeconds(30);
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--template" -> template = Path.of(value(args, ++i, arg));
                    case "--ric-classpath" -> ricClasspath = value(args, ++i, arg);
                    case "--java" -> java = Path.of(value(args, ++i, arg));
                    case "--init-timeout" -> initTimeout = seconds(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new BadInput("unknown option " + arg);
                        }
                        positional.add(arg);
                    }
                }
            }
            if (positional.size() != 2) {
                throw new BadInput("expected FUNCTION and EVENT_FILE, got " + positional.size() + " arguments");
            }
            if (ricClasspath == null || ricClasspath.isBlank()) {
                throw new BadInput(
                        "--ric-classpath is required (the invoke script reads it from target/ric.classpath)");
            }
            return new Options(
                    template, positional.get(0), Path.of(positional.get(1)), ricClasspath, java, initTimeout);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new BadInput(option + " needs a value");
            }
            return args[i];
        }

        private static Duration seconds(String text) {
            try {
                long seconds = Long.parseLong(text);
                if (seconds > 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BadInput("--init-timeout needs a positive number of seconds, got " + text);
        }
    }

    /** Wrong arguments or input files. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    public int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (BadInput e) {
            err.println("local-invoke: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        FunctionDefinition function;
        byte[] event;
        try {
            function = SamTemplate.load(options.template()).function(options.function());
            if (!Files.isRegularFile(function.codeUri())) {
                throw new BadInput("code of " + function.logicalId() + " not found at " + function.codeUri()
                        + "; build it first (./mvnw -q -DskipTests package)");
            }
            event = readEvent(options.event());
        } catch (BadInput | TemplateException e) {
            err.println("local-invoke: " + e.getMessage());
            return BAD_INPUT;
        }

        Outcome outcome;
        try {
            outcome = invoke(function, event, options.ricClasspath(), options.java(), options.initTimeout());
        } catch (IOException e) {
            err.println("local-invoke: cannot start the runtime: " + e.getMessage());
            return RUNTIME_FAILED;
        }
        Timings t = outcome.timings();
        ProcessUsage usage = outcome.usage();
        err.printf(
                "local-invoke: %s init %d ms (start to first /next), invoke %d ms (event to answer), total %d ms%s%s%n",
                function.logicalId(),
                t.init().toMillis(),
                t.invoke().toMillis(),
                t.total().toMillis(),
                usage.cpuTime().map(cpu -> ", CPU " + cpu.toMillis() + " ms").orElse(""),
                usage.peakRssKib().isPresent()
                        ? ", peak RSS " + usage.peakRssKib().getAsLong() / 1024 + " MiB"
                        : "");
        return report(function, outcome);
    }

    private int report(FunctionDefinition function, Outcome outcome) {
        InvocationResult answer = outcome.answer();
        if (answer instanceof InvocationResult.Response response) {
            out.write(response.body(), 0, response.body().length);
            out.println();
            out.flush();
            return OK;
        }
        if (answer instanceof InvocationResult.FunctionError error) {
            err.println("local-invoke: " + function.logicalId() + " failed with " + error.errorType() + ":");
            err.println(error.bodyText());
            return FUNCTION_FAILED;
        }
        if (answer instanceof InvocationResult.InitError error) {
            err.println("local-invoke: " + function.logicalId() + " could not initialise (" + error.errorType() + "):");
            err.println(error.bodyText());
            return FUNCTION_FAILED;
        }
        err.println("local-invoke: " + function.logicalId() + ": " + outcome.failure());
        return RUNTIME_FAILED;
    }

    /**
     * Runs the function once in a fresh JVM and stops that JVM again whatever happens (also when this JVM is
     * told to exit). The function's output is copied to this object's error stream.
     */
    public Outcome invoke(
            FunctionDefinition function, byte[] event, String ricClasspath, Path java, Duration initTimeout)
            throws IOException {
        return invoke(function, event, ricClasspath, java, initTimeout, System.getenv());
    }

    /**
     * As {@link #invoke(FunctionDefinition, byte[], String, Path, Duration)}, with {@code environment} in place of
     * this JVM's environment as the child's base (the template's literal variables and Lambda's own still apply).
     */
    public Outcome invoke(
            FunctionDefinition function,
            byte[] event,
            String ricClasspath,
            Path java,
            Duration initTimeout,
            Map<String, String> environment)
            throws IOException {
        return invoke(function, event, ricClasspath, java, initTimeout, environment, null, () -> {});
    }

    /**
     * As above; when the first event was answered and {@code secondEvent} is not null, {@code between} runs and
     * then the same runtime gets {@code secondEvent} (a warm invocation), reported in {@link Outcome#second()}.
     * Peak RSS and CPU time stay those of init plus the first invocation.
     */
    public Outcome invoke(
            FunctionDefinition function,
            byte[] event,
            String ricClasspath,
            Path java,
            Duration initTimeout,
            Map<String, String> environment,
            byte[] secondEvent,
            Runnable between)
            throws IOException {
        String region = environment.getOrDefault("AWS_REGION", "us-east-1");
        Path taskRoot = Files.createTempDirectory("lambda-task-");
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start(LambdaJvm.functionArn(function, region))) {
            Invocation invocation = api.submit(event, function.timeout());
            long launched = System.nanoTime();
            Process process = LambdaJvm.start(java, function, ricClasspath, api.hostAndPort(), taskRoot, environment);
            Thread stopper = new Thread(() -> stop(process, STOP_GRACE), "stop-lambda-jvm");
            Runtime.getRuntime().addShutdownHook(stopper);
            err.println("local-invoke: started " + function.logicalId() + " in pid " + process.pid() + " (launcher pid "
                    + ProcessHandle.current().pid() + ", runtime API " + api.hostAndPort() + ")");
            List<Thread> pumps = List.of(pump(process.getInputStream()), pump(process.getErrorStream()));
            try {
                Outcome outcome = await(api, invocation, process, launched, function.timeout(), initTimeout);
                // Read before the stop: what init plus this one invocation used.
                outcome = outcome.with(ProcessUsage.of(process.pid()));
                if (secondEvent == null || !(outcome.answer() instanceof InvocationResult.Response)) {
                    return outcome;
                }
                between.run();
                Invocation second = api.submit(secondEvent, function.timeout());
                waitFor(function.timeout(), second.result(), process.onExit());
                return outcome.with(
                        second.result().isDone()
                                ? new Second(
                                        second.result().join(),
                                        Duration.ofNanos(second.completedNanos() - second.deliveredNanos()))
                                : new Second(null, Duration.ZERO));
            } finally {
                stop(process, stopGrace);
                for (Thread pump : pumps) {
                    join(pump);
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run; nothing left to undo
                }
            }
        } finally {
            deleteQuietly(taskRoot);
        }
    }

    /**
     * Several invocations of one warm execution environment, one after another: {@code before} runs before each
     * event is handed to the runtime (with its index), so a test can change what the function reads between two
     * invocations. Stops at the first invocation that does not answer; the JVM is stopped whatever happens.
     */
    public List<Outcome> invokeWarm(
            FunctionDefinition function,
            List<byte[]> events,
            IntConsumer before,
            String ricClasspath,
            Path java,
            Duration initTimeout,
            Map<String, String> environment)
            throws IOException {
        String region = environment.getOrDefault("AWS_REGION", "us-east-1");
        Path taskRoot = Files.createTempDirectory("lambda-task-");
        List<Outcome> outcomes = new ArrayList<>();
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start(LambdaJvm.functionArn(function, region))) {
            before.accept(0);
            Invocation first = api.submit(events.get(0), function.timeout());
            long launched = System.nanoTime();
            Process process = LambdaJvm.start(java, function, ricClasspath, api.hostAndPort(), taskRoot, environment);
            List<Thread> pumps = List.of(pump(process.getInputStream()), pump(process.getErrorStream()));
            try {
                Outcome outcome = await(api, first, process, launched, function.timeout(), initTimeout);
                outcomes.add(outcome);
                for (int i = 1; i < events.size() && outcome.answer() != null && outcome.failure() == null; i++) {
                    before.accept(i);
                    long submitted = System.nanoTime();
                    Invocation next = api.submit(events.get(i), function.timeout());
                    outcome = waitFor(function.timeout(), next.result(), process.onExit())
                                    && next.result().isDone()
                            ? new Outcome(next.result().join(), null, timings(submitted, next))
                            : failed("invocation " + i + " did not answer", submitted, next);
                    outcomes.add(outcome);
                }
                return outcomes;
            } finally {
                stop(process, stopGrace);
                for (Thread pump : pumps) {
                    join(pump);
                }
            }
        } finally {
            deleteQuietly(taskRoot);
        }
    }

    private static Outcome await(
            LambdaRuntimeApi api,
            Invocation invocation,
            Process process,
            long launched,
            Duration timeout,
            Duration initTimeout) {
        if (!waitFor(initTimeout, api.firstNext(), api.initError(), process.onExit())) {
            return failed(
                    "the runtime did not ask for an event within " + initTimeout.toSeconds() + " s",
                    launched,
                    invocation);
        }
        if (api.initError().isDone()) {
            return new Outcome(api.initError().join(), null, timings(launched, invocation));
        }
        if (!api.firstNext().isDone()) {
            return failed(
                    "the runtime exited with code " + process.exitValue() + " before asking for an event",
                    launched,
                    invocation);
        }
        if (!waitFor(timeout, invocation.result(), process.onExit())) {
            return failed(
                    String.format("Task timed out after %.2f seconds", timeout.toMillis() / 1000.0),
                    launched,
                    invocation);
        }
        if (invocation.result().isDone()) {
            return new Outcome(invocation.result().join(), null, timings(launched, invocation));
        }
        return failed(
                "the runtime exited with code " + process.exitValue() + " during the invocation", launched, invocation);
    }

    private static Outcome failed(String why, long launched, Invocation invocation) {
        return new Outcome(null, why, timings(launched, invocation));
    }

    private static Timings timings(long launched, Invocation invocation) {
        long now = System.nanoTime();
        long delivered = invocation.deliveredNanos();
        long completed = invocation.completedNanos();
        Duration init = Duration.ofNanos((delivered == 0 ? now : delivered) - launched);
        Duration invoke = delivered == 0 || completed == 0 ? Duration.ZERO : Duration.ofNanos(completed - delivered);
        Duration total = Duration.ofNanos((completed == 0 ? now : completed) - launched);
        return new Timings(init, invoke, total);
    }

    /** True when one of the futures completed in time. */
    private static boolean waitFor(Duration limit, CompletableFuture<?>... futures) {
        try {
            CompletableFuture.anyOf(futures).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Thread pump(InputStream stream) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (stream) {
                        for (int n; (n = stream.read(buffer)) >= 0; ) {
                            err.write(buffer, 0, n);
                            err.flush();
                        }
                    } catch (IOException e) {
                        // the child is gone; nothing more to copy
                    }
                },
                "lambda-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The event file, which must hold exactly one JSON value (what aws lambda invoke --payload accepts). */
    static byte[] readEvent(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInput("event file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInput("cannot read event file " + file + ": " + e.getMessage());
        }
        try (JsonParser parser = new JsonFactory().createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new BadInput("event file " + file + " is empty; it must hold one JSON value");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new BadInput("event file " + file + " holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new BadInput("event file " + file + " is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new BadInput("cannot read event file " + file + ": " + e.getMessage());
        }
        return bytes;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
