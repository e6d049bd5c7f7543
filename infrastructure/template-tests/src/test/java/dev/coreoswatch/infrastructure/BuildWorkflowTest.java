package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.github.WorkflowInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

/**
 * The example build workflow: its inputs are the dispatcher's (docs/contract.md section 6), no input reaches a shell
 * through an expression, and its validation step, run here with bash, accepts good inputs and refuses hostile ones.
 */
class BuildWorkflowTest {

    /**
     * docs/contract.md section 6: the inputs the dispatcher sends, taken from the dispatcher's own code; the workflow
     * must declare exactly these.
     */
    static final Set<String> DISPATCH_INPUTS = new WorkflowInputs("stable", "44.20260707.3.1", "2.4.4",
            "x86_64=unknown", "linux/amd64", "first build", "ghcr.io/owner/custom-coreos", "stable").asMap().keySet();

    static Map<String, Object> workflow;
    static String validateScript;
    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws IOException {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ProjectFiles.workflow()));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        workflow = map;
        validateScript = (String) Tree.at(steps("plan").get(0), "run");
    }

    /** YAML 1.1 reads the key "on" as the boolean true; GitHub reads it as "on". */
    private static Map<String, Object> triggers() {
        Object on = workflow.containsKey("on") ? workflow.get("on") : ((Map<?, ?>) workflow).get(Boolean.TRUE);
        return Tree.map(on);
    }

    private static List<?> steps(String job) {
        return (List<?>) Tree.at(workflow, "jobs", job, "steps");
    }

    @Test
    void dispatchInputsAreExactlyTheDispatchersRequiredStrings() {
        Map<String, Object> inputs = Tree.map(triggers(), "workflow_dispatch", "inputs");
        assertEquals(DISPATCH_INPUTS, inputs.keySet());
        inputs.forEach((name, input) -> {
            assertEquals("string", Tree.at(input, "type"), name);
            assertEquals(true, Tree.at(input, "required"), name);
        });
        assertEquals(Set.of("workflow_dispatch"), triggers().keySet(), "nothing else starts a build");
    }

    @Test
    void runNameLetsCoreosWatchRecogniseRunsInFlight() {
        assertEquals("build ${{ inputs.stream }} ${{ inputs.coreos_version }} zfs ${{ inputs.zfs_version }}",
                workflow.get("run-name"));
    }

    @Test
    void permissionsAreReadContentsAndWritePackages() {
        assertEquals(Map.of("contents", "read", "packages", "write"), workflow.get("permissions"));
        assertEquals(Map.of("contents", "read"), Tree.at(workflow, "jobs", "plan", "permissions"));
    }

    @Test
    void noExpressionIsInterpolatedIntoAShellScript() {
        List<String> offending = new ArrayList<>();
        Tree.map(workflow, "jobs").forEach((job, definition) -> {
            int index = 0;
            for (Object step : steps(job)) {
                Object run = Tree.at(step, "run");
                if (run instanceof String script && script.contains("${{")) {
                    offending.add(job + "/steps/" + index);
                }
                index++;
            }
        });
        assertEquals(List.of(), offending);
    }

    @Test
    void buildsRunNativelyPerPlatformAndPushByDigestThenTagTheIndex() {
        assertEquals("${{ matrix.runner }}", Tree.at(workflow, "jobs", "build", "runs-on"));
        assertEquals("${{ fromJSON(needs.plan.outputs.matrix) }}", Tree.at(workflow, "jobs", "build", "strategy", "matrix", "include"));
        String build = allRuns("build");
        assertTrue(build.contains("push-by-digest=true"), build);
        String publish = allRuns("publish");
        assertTrue(publish.contains("--tag \"$IMAGE:$STREAM-$COREOS_VERSION-zfs$ZFS_VERSION\""), publish);
        assertTrue(publish.contains("--tag \"$IMAGE:$STREAM\""), publish);
    }

    /** Every --build-arg the workflow passes is an ARG of the Containerfile, and the required ones all are passed. */
    @Test
    void buildArgumentsMatchTheContainerfile() throws IOException {
        Set<String> passed = new TreeSet<>();
        Matcher m = Pattern.compile("--build-arg \"([A-Z_]+)=").matcher(allRuns("build"));
        while (m.find()) {
            passed.add(m.group(1));
        }
        Set<String> declared = new TreeSet<>();
        Matcher arg = Pattern.compile("(?m)^ARG ([A-Z_]+)").matcher(Files.readString(containerfile()));
        while (arg.find()) {
            declared.add(arg.group(1));
        }
        assertEquals(Set.of("COREOS_VERSION", "ZFS_VERSION", "KERNEL_VERSION", "KERNEL_VERSIONS"), passed);
        assertEquals(passed, declared);
    }

    @Test
    void containerfileBuildsOnTheExactBaseAndLabelsTheCombination() throws IOException {
        String file = Files.readString(containerfile());
        assertTrue(file.startsWith("#") && file.contains("\nARG COREOS_VERSION\n\nFROM quay.io/fedora/fedora-coreos:${COREOS_VERSION} AS builder\n"), file);
        assertEquals(2, file.split("\nFROM quay.io/fedora/fedora-coreos:\\$\\{COREOS_VERSION}").length - 1, "builder and final stage share the base");
        assertTrue(file.contains("custom-coreos.coreos-version=\"${COREOS_VERSION}\""));
        assertTrue(file.contains("custom-coreos.zfs-version=\"${ZFS_VERSION}\""));
        assertTrue(file.contains("custom-coreos.kernel-version=\"${KERNEL_VERSION}\""));
        assertTrue(file.contains("[[ \"${KERNEL_VERSION}\" == \"${actual}\" ]]"), "the kernel label is checked against rpm -q kernel");
        assertTrue(file.contains("sha256sum --check --strict"), "the tarball is checked");
        assertTrue(file.contains("depmod -a \"${KERNEL_VERSION}\""));
    }

    private static Path containerfile() {
        return ProjectFiles.workflow().resolveSibling("Containerfile");
    }

    private static String allRuns(String job) {
        StringBuilder runs = new StringBuilder();
        for (Object step : steps(job)) {
            if (Tree.at(step, "run") instanceof String script) {
                runs.append(script).append('\n');
            }
        }
        return runs.toString();
    }

    // --- the validation step, executed ---

    private record Validation(int exit, String output, String stdout) {
    }

    private static Map<String, String> goodInputs() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STREAM", "testing");
        env.put("COREOS_VERSION", "43.20260413.2.0");
        env.put("ZFS_VERSION", "2.3.9");
        env.put("KERNEL_VERSIONS", "x86_64=6.19.11-200.fc43.x86_64,aarch64=unknown");
        env.put("PLATFORMS", "linux/amd64,linux/arm64");
        env.put("REASON", "linux/arm64 of ghcr.io/owner/custom-coreos:testing is missing");
        env.put("TARGET_IMAGE", "");
        env.put("OWNER", "Some-Owner");
        return env;
    }

    private static Validation validate(Map<String, String> inputs) throws Exception {
        Path output = Files.createTempFile(dir, "github-output", "");
        Path summary = Files.createTempFile(dir, "step-summary", "");
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", validateScript).redirectErrorStream(true);
        bash.environment().clear();
        bash.environment().put("PATH", System.getenv("PATH"));
        bash.environment().put("LC_ALL", "C.UTF-8");
        bash.environment().putAll(inputs);
        bash.environment().put("GITHUB_OUTPUT", output.toString());
        bash.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        Process process = bash.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        return new Validation(process.exitValue(), Files.readString(output), stdout);
    }

    private static String outputValue(String output, String key) {
        for (String line : output.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + output);
    }

    @Test
    void goodInputsPlanOneNativeBuildPerPlatform() throws Exception {
        Validation v = validate(goodInputs());

        assertEquals(0, v.exit(), v.stdout());
        JsonNode matrix = TemplateSchemaValidator.JSON.readTree(outputValue(v.output(), "matrix"));
        assertEquals(2, matrix.size());
        assertEquals("linux/amd64", matrix.get(0).get("platform").asString());
        assertEquals("x86_64", matrix.get(0).get("arch").asString());
        assertEquals("ubuntu-24.04", matrix.get(0).get("runner").asString());
        assertEquals("6.19.11-200.fc43.x86_64", matrix.get(0).get("expected_kernel").asString());
        assertEquals("linux/arm64", matrix.get(1).get("platform").asString());
        assertEquals("aarch64", matrix.get(1).get("arch").asString());
        assertEquals("ubuntu-24.04-arm", matrix.get(1).get("runner").asString());
        assertEquals("unknown", matrix.get(1).get("expected_kernel").asString());
        assertEquals("ghcr.io/some-owner/custom-coreos", outputValue(v.output(), "image"), "image names are lower case");
    }

    @Test
    void repositoryVariableChoosesTheImage() throws Exception {
        Map<String, String> inputs = goodInputs();
        inputs.put("TARGET_IMAGE", "registry.example.org:5000/team/CoreOS-ZFS");
        inputs.put("PLATFORMS", "linux/arm64");

        Validation v = validate(inputs);

        assertEquals(0, v.exit(), v.stdout());
        assertEquals("registry.example.org:5000/team/coreos-zfs", outputValue(v.output(), "image"));
        assertEquals(1, TemplateSchemaValidator.JSON.readTree(outputValue(v.output(), "matrix")).size());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "STREAM          | stable;touch pwned                                  | input stream",
            "STREAM          | Stable                                              | input stream",
            "COREOS_VERSION  | 43.2026$(id)                                        | input coreos_version",
            "COREOS_VERSION  | latest                                              | input coreos_version",
            "ZFS_VERSION     | 2.4                                                 | input zfs_version",
            "ZFS_VERSION     | 2.4.3-rc1                                           | input zfs_version",
            "KERNEL_VERSIONS | x86_64=6.19.11-200.fc43.x86_64;reboot               | input kernel_versions",
            "KERNEL_VERSIONS | riscv64=6.19.11-200.fc43.riscv64                    | input kernel_versions",
            "KERNEL_VERSIONS | x86_64=6.19.11-200.fc43.x86_64                      | input kernel_versions has no entry",
            "PLATFORMS       | linux/riscv64                                       | input platforms names a platform without a native runner",
            "PLATFORMS       | linux/amd64,linux/amd64                             | input platforms names a platform twice",
            "PLATFORMS       | linux/amd64 linux/arm64                             | input platforms",
            "TARGET_IMAGE    | ghcr.io/owner/image:latest\"                        | variable TARGET_IMAGE"})
    void hostileOrMalformedInputIsRefusedBeforeAnyBuild(String name, String value, String message) throws Exception {
        Map<String, String> inputs = goodInputs();
        inputs.put(name, value);

        Validation v = validate(inputs);

        assertNotEquals(0, v.exit());
        assertTrue(v.stdout().contains("::error::" + message), v.stdout());
        assertFalse(v.stdout().contains(value), "the message never repeats the value");
        assertEquals("", v.output(), "nothing is planned");
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    @Test
    void reasonMustBeOneLineOfAtMost200Characters() throws Exception {
        Map<String, String> multiLine = goodInputs();
        multiLine.put("REASON", "first line\n::warning::second line");
        Map<String, String> tooLong = goodInputs();
        tooLong.put("REASON", "x".repeat(201));
        Map<String, String> longest = goodInputs();
        longest.put("REASON", "é".repeat(200));

        assertTrue(validate(multiLine).stdout().contains("::error::input reason is not one line"));
        assertTrue(validate(tooLong).stdout().contains("::error::input reason is longer than 200 characters"));
        assertEquals(0, validate(longest).exit(), "200 characters, not bytes");
    }

    @Test
    void reasonIsTextNeverCode() throws Exception {
        Path sentinel = dir.resolve("reason-ran");
        Map<String, String> inputs = goodInputs();
        inputs.put("REASON", "$(touch " + sentinel + ") `touch " + sentinel + "` ${IFS}");

        Validation v = validate(inputs);

        assertEquals(0, v.exit(), v.stdout());
        assertFalse(Files.exists(sentinel));
    }
}
