package dev.coreoswatch.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the AWS runtime interface client in a child JVM with the flags and environment Lambda's java
 * runtime gives a function, pointed at a {@link LambdaRuntimeApi}.
 */
public final class LambdaJvm {

    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** A made-up account for the invoked function's ARN. */
    static final String LOCAL_ACCOUNT = "000000000000";

    private LambdaJvm() {}

    /**
     * The child's command line. Heap, metaspace and code cache take 85/10/5 % of the function's memory, the
     * split Lambda's java runtimes use; C1 only and the serial collector as on Lambda. MaxRAM makes the JVM size
     * everything else (the initial heap above all, hence how often it collects) for a machine of the function's
     * memory, as in Lambda's micro VM, not for this machine: without it the heap starts at 1/64 of this machine's
     * memory, never collects during a cold start, and peak RSS comes out some 50 MB higher than Lambda's.
     */
    public static List<String> command(Path javaExecutable, FunctionDefinition function, String ricClasspath) {
        long kib = function.memoryMb() * 1024L;
        return List.of(
                javaExecutable.toString(),
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:MaxRAM=" + kib + "k",
                "-XX:MaxHeapSize=" + kib * 85 / 100 + "k",
                "-XX:MaxMetaspaceSize=" + kib * 10 / 100 + "k",
                "-XX:ReservedCodeCacheSize=" + kib * 5 / 100 + "k",
                "-Djava.net.preferIPv4Stack=true",
                // The client loads its JNI library; newer JDKs warn about that on every start otherwise.
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                function.codeUri() + File.pathSeparator + ricClasspath,
                RIC_MAIN,
                function.handler());
    }

    /**
     * The child's environment: the caller's (configuration such as TARGET_IMAGE or AWS_ENDPOINT_URL_* comes
     * from there), the template's literal variables where the caller has not set them, then the variables
     * Lambda itself sets, which always win.
     */
    public static Map<String, String> environment(
            FunctionDefinition function, String runtimeApi, Map<String, String> inherited, Path taskRoot) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        function.literalEnvironment().forEach(env::putIfAbsent);
        String region = inherited.getOrDefault("AWS_REGION", inherited.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + function.logicalId());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        env.put("TZ", ":UTC");
        return env;
    }

    public static String functionArn(FunctionDefinition function, String region) {
        return "arn:aws:lambda:" + region + ":" + LOCAL_ACCOUNT + ":function:" + function.logicalId();
    }

    /**
     * Starts the child in {@code taskRoot} (an empty directory: the client also loads classes from its working
     * directory). Its standard output and error are pipes that the caller must drain.
     */
    public static Process start(
            Path javaExecutable, FunctionDefinition function, String ricClasspath, String runtimeApi, Path taskRoot)
            throws IOException {
        return start(javaExecutable, function, ricClasspath, runtimeApi, taskRoot, System.getenv());
    }

    /**
     * As {@link #start(Path, FunctionDefinition, String, String, Path)}, with {@code inherited} in place of this
     * JVM's environment: a test gives the child exactly the variables it means to, and nothing of its own.
     */
    public static Process start(
            Path javaExecutable,
            FunctionDefinition function,
            String ricClasspath,
            String runtimeApi,
            Path taskRoot,
            Map<String, String> inherited)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(javaExecutable, function, ricClasspath))
                .directory(taskRoot.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment(function, runtimeApi, inherited, taskRoot));
        return builder.start();
    }
}
