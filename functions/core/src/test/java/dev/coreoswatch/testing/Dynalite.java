package dev.coreoswatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A real DynamoDB API for tests: the npm package {@code dynalite} (in memory), started on a free
 * loopback port and stopped by {@link #close()} (and at JVM exit, should a test forget).
 *
 * <pre>
 * static Dynalite dynalite;
 * &#64;BeforeAll static void start() throws IOException { dynalite = Dynalite.start(); }
 * &#64;AfterAll static void stop() { dynalite.close(); }
 * ... DynamoDbClient client = dynalite.client(); dynalite.createTable(request);
 * </pre>
 *
 * dynalite is found at {@code infrastructure/test-services/node_modules/dynalite/cli.js} above the
 * working directory, or wherever {@code DYNALITE_CLI} points. It does not implement
 * UpdateTimeToLive; tests must not call it.
 */
public final class Dynalite implements AutoCloseable {
    public static final String CLI_ENV = "DYNALITE_CLI";
    static final String CLI_IN_REPOSITORY = "infrastructure/test-services/node_modules/dynalite/cli.js";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Deque<String> output;
    private final Thread shutdownHook;

    private Dynalite(Process process, int port, Deque<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts dynalite and returns once it accepts connections; fails with its output if it cannot. */
    public static Dynalite start() throws IOException {
        Path cli = locateCli(System.getenv(CLI_ENV), Path.of("").toAbsolutePath());
        IOException last = null;
        // A free port may be taken by someone else before node binds it; then try another.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOn(cli, freePort());
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    /** True while the node process is alive. */
    public boolean running() {
        return process.isAlive();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of the real SDK (url-connection transport, dummy static credentials) aimed at this dynalite. */
    public DynamoDbClient client() {
        return clientBuilder().build();
    }

    /** A builder configured like {@link #client()} for any endpoint, e.g. a WireMock stub speaking DynamoDB. */
    public static DynamoDbClientBuilder clientBuilder(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("dynalite", "dynalite")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)));
    }

    private DynamoDbClientBuilder clientBuilder() {
        return clientBuilder(endpoint());
    }

    /** Creates a table and waits (bounded) until dynalite reports it ACTIVE. */
    public void createTable(CreateTableRequest request) {
        try (DynamoDbClient client = client()) {
            client.createTable(request);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (client.describeTable(b -> b.tableName(request.tableName()))
                            .table()
                            .tableStatus()
                    != TableStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "table " + request.tableName() + " did not become ACTIVE in dynalite");
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run already; the process is stopped either way.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code override} is the value of {@code DYNALITE_CLI}; otherwise the search walks up from {@code start}. */
    static Path locateCli(String override, Path start) {
        if (override != null && !override.isBlank()) {
            Path cli = Path.of(override);
            if (!Files.isRegularFile(cli)) {
                throw new IllegalStateException(CLI_ENV + " points at " + cli + ", which is not a file");
            }
            return cli;
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path cli = dir.resolve(CLI_IN_REPOSITORY);
            if (Files.isRegularFile(cli)) {
                return cli;
            }
            if (Files.isRegularFile(dir.resolve("infrastructure/test-services/package.json"))) {
                break; // the repository root, but dynalite was never installed
            }
        }
        throw new IllegalStateException("dynalite is not installed: run `npm ci --prefix infrastructure/test-services`"
                + " in the repository root (or set " + CLI_ENV + " to dynalite's cli.js)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Dynalite startOn(Path cli, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "node",
                        cli.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--createTableMs",
                        "0",
                        "--deleteTableMs",
                        "0")
                .redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run `node` (Node.js 18 or newer must be on the PATH) to start dynalite", e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, output, listening), "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // Wait for the "listening" line (or exit), then prove it with a connection.
            listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
            return new Dynalite(process, port, output);
        } catch (TimeoutException | ExecutionException | IOException e) {
            process.destroyForcibly();
            throw new IOException(
                    "dynalite did not start on port " + port + " within " + START_TIMEOUT.toSeconds()
                            + " s; its output: " + snapshot(output),
                    e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting dynalite", e);
        }
    }

    /** Keeps the pipe empty (a full pipe would stall node) and the last lines for error messages. */
    private static void drain(Process process, Deque<String> output, CompletableFuture<Void> listening) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > 40) {
                        output.removeFirst();
                    }
                }
                if (line.startsWith("Dynalite listening at")) {
                    listening.complete(null);
                }
            }
        } catch (IOException closed) {
            // The process ended; whatever it said is in output.
        }
        listening.completeExceptionally(new IOException("dynalite exited with " + exitCode(process)));
    }

    private static String exitCode(Process process) {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String snapshot(Deque<String> output) {
        synchronized (output) {
            return output.isEmpty() ? "(none)" : String.join(" | ", output);
        }
    }

    /** The last lines dynalite printed, for assertion messages. */
    public String recentOutput() {
        return snapshot(output);
    }
}
