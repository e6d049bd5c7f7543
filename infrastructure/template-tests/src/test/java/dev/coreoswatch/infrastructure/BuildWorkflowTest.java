package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.github.WorkflowInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    static final Set<String> DISPATCH_INPUTS = new WorkflowInputs(
                    "stable",
                    "44.20260707.3.1",
                    "2.4.4",
                    "x86_64=unknown",
                    "linux/amd64",
                    "first build",
                    "ghcr.io/owner/custom-coreos",
                    "stable")
            .asMap()
            .keySet();

    static BuildWorkflow workflow;
    static String validateScript;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() {
        workflow = BuildWorkflow.load();
        validateScript = workflow.run("plan", "validate");
    }

    private static Map<String, Object> triggers() {
        return workflow.triggers();
    }

    private static List<?> steps(String job) {
        return workflow.steps(job);
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
        assertEquals(
                "build ${{ inputs.stream }} ${{ inputs.coreos_version }} zfs ${{ inputs.zfs_version }}",
                workflow.root().get("run-name"));
    }

    @Test
    void noExpressionIsInterpolatedIntoAShellScript() {
        List<String> offending = new ArrayList<>();
        workflow.jobs().forEach((job, definition) -> {
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
        assertEquals("${{ matrix.runner }}", Tree.at(workflow.root(), "jobs", "build", "runs-on"));
        assertEquals(
                "${{ fromJSON(needs.plan.outputs.matrix) }}",
                Tree.at(workflow.root(), "jobs", "build", "strategy", "matrix", "include"));
        String build = allRuns("build");
        assertTrue(build.contains("push-by-digest=true"), build);
        String index = allRuns("index");
        assertTrue(index.contains("--tag \"$IMAGE:$RELEASE_TAG\""), index);
        String release = allRuns("release");
        assertTrue(release.contains("--tag \"$IMAGE:$TAG\""), release);
    }

    /** docs/contract.md section 6: the workflow pushes exactly inputs.image:inputs.tag, nothing it chose itself. */
    @Test
    void theTagCoreosWatchReadsIsExactlyTheInputs() {
        assertEquals("${{ inputs.image }}", Tree.at(workflow.step("plan", "validate"), "env", "IMAGE"));
        assertEquals("${{ inputs.tag }}", Tree.at(workflow.step("plan", "validate"), "env", "TAG"));
        assertEquals("${{ needs.plan.outputs.tag }}", Tree.at(workflow.jobs(), "release", "env", "TAG"));
        for (String job : workflow.jobs().keySet()) {
            if (Tree.at(workflow.jobs(), job, "env", "IMAGE") != null) {
                assertEquals("${{ needs.plan.outputs.image }}", Tree.at(workflow.jobs(), job, "env", "IMAGE"), job);
            }
        }
        assertFalse(workflow.text().contains("vars.TARGET_IMAGE"), "the image is no repository variable any more");
        assertFalse(workflow.text().contains("$IMAGE:$STREAM"), "the stream is not the tag");
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
        assertEquals(
                Set.of(
                        "COREOS_VERSION",
                        "ZFS_VERSION",
                        "KERNEL_VERSION",
                        "KERNEL_VERSIONS",
                        "OWNER",
                        "REPO",
                        "SOURCE_DATE_EPOCH"),
                passed);
        // SOURCE_DATE_EPOCH is BuildKit's own: it sets the image's timestamps without an ARG.
        passed.remove("SOURCE_DATE_EPOCH");
        assertEquals(passed, declared);
    }

    @Test
    void containerfileBuildsOnTheExactBaseAndLabelsTheCombination() throws IOException {
        String file = Files.readString(containerfile());
        assertTrue(
                file.startsWith("#")
                        && file.contains(
                                "\nARG COREOS_VERSION\n\nFROM quay.io/fedora/fedora-coreos:${COREOS_VERSION} AS builder\n"),
                file);
        assertEquals(
                2,
                file.split("\nFROM quay.io/fedora/fedora-coreos:\\$\\{COREOS_VERSION}").length - 1,
                "builder and final stage share the base");
        assertTrue(file.contains("custom-coreos.coreos-version=\"${COREOS_VERSION}\""));
        assertTrue(file.contains("custom-coreos.zfs-version=\"${ZFS_VERSION}\""));
        assertTrue(file.contains("custom-coreos.kernel-version=\"${KERNEL_VERSION}\""));
        assertTrue(
                file.contains("[[ \"${KERNEL_VERSION}\" == \"${actual}\" ]]"),
                "the kernel label is checked against rpm -q kernel");
        assertTrue(file.contains("sha256sum --check --strict"), "the tarball is checked");
        assertTrue(file.contains("depmod -a \"${KERNEL_VERSION}\""));
    }

    /** Without the link to the building repository, GHCR refuses the workflow token's push to an existing package. */
    @Test
    void containerfileLinksThePackageToTheBuildingRepository() throws IOException {
        String file = Files.readString(containerfile());
        String finalStage = file.substring(file.lastIndexOf("\nFROM "));

        assertTrue(
                finalStage.contains(
                        "\nLABEL org.opencontainers.image.source=\"https://github.com/${OWNER}/${REPO}\"\n"),
                finalStage);
        assertTrue(finalStage.contains("\nARG OWNER\nARG REPO\n"), "declared in the final stage, where the label is");
        assertTrue(
                finalStage.contains("[[ -n \"${OWNER}\" && -n \"${REPO}\" ]]"), "an empty repository stops the build");
        assertTrue(allRuns("build").contains("--build-arg \"OWNER=${GITHUB_REPOSITORY%%/*}\""));
        assertTrue(allRuns("build").contains("--build-arg \"REPO=${GITHUB_REPOSITORY#*/}\""));
    }

    private static Path containerfile() {
        return ProjectFiles.workflow().resolveSibling("Containerfile");
    }

    private static String allRuns(String job) {
        return workflow.allRuns(job);
    }

    // --- the validation step, executed ---

    private static Map<String, String> goodInputs() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STREAM", "testing");
        env.put("COREOS_VERSION", "43.20260413.2.0");
        env.put("ZFS_VERSION", "2.3.9");
        env.put("KERNEL_VERSIONS", "x86_64=6.19.11-200.fc43.x86_64,aarch64=unknown");
        env.put("PLATFORMS", "linux/amd64,linux/arm64");
        env.put("REASON", "linux/arm64 of ghcr.io/owner/custom-coreos:testing is missing");
        env.put("IMAGE", "ghcr.io/some-owner/custom-coreos");
        env.put("TAG", "testing");
        env.put("OWNER", "Some-Owner");
        return env;
    }

    private static BashStep.Result validate(Map<String, String> inputs) throws Exception {
        return BashStep.run(validateScript, inputs, dir);
    }

    @Test
    void goodInputsPlanOneNativeBuildPerPlatform() throws Exception {
        BashStep.Result v = validate(goodInputs());

        assertEquals(0, v.exit(), v.log());
        JsonNode matrix = TemplateSchemaValidator.JSON.readTree(v.output("matrix"));
        assertEquals(2, matrix.size());
        assertEquals("linux/amd64", matrix.get(0).get("platform").asString());
        assertEquals("x86_64", matrix.get(0).get("arch").asString());
        assertEquals("ubuntu-24.04", matrix.get(0).get("runner").asString());
        assertEquals(
                "6.19.11-200.fc43.x86_64", matrix.get(0).get("expected_kernel").asString());
        assertEquals("linux/arm64", matrix.get(1).get("platform").asString());
        assertEquals("aarch64", matrix.get(1).get("arch").asString());
        assertEquals("ubuntu-24.04-arm", matrix.get(1).get("runner").asString());
        assertEquals("unknown", matrix.get(1).get("expected_kernel").asString());
        assertEquals("ghcr.io/some-owner/custom-coreos", v.output("image"));
        assertEquals("testing", v.output("tag"));
        assertEquals("testing-43.20260413.2.0-zfs2.3.9", v.output("release_tag"));
    }

    @Test
    void imageAndTagAreTakenAsGiven() throws Exception {
        Map<String, String> inputs = goodInputs();
        inputs.put("IMAGE", "registry.example.org:5000/team/coreos_zfs/x86-64");
        inputs.put("TAG", "Stable_2.4");
        inputs.put("PLATFORMS", "linux/arm64");

        BashStep.Result v = validate(inputs);

        assertEquals(0, v.exit(), v.log());
        assertEquals(
                "registry.example.org:5000/team/coreos_zfs/x86-64",
                v.output("image"),
                "another owner off ghcr.io is the user's business");
        assertEquals("Stable_2.4", v.output("tag"));
        assertEquals(
                1, TemplateSchemaValidator.JSON.readTree(v.output("matrix")).size());
        assertTrue(
                v.summary().contains("target `registry.example.org:5000/team/coreos_zfs/x86-64:Stable_2.4`"),
                v.summary());
    }

    @Test
    void theVersionedTagMustFitIn128Characters() throws Exception {
        Map<String, String> longest = goodInputs();
        longest.put("TAG", "t".repeat(128 - "-43.20260413.2.0-zfs2.3.9".length()));
        Map<String, String> tooLong = goodInputs();
        tooLong.put("TAG", "t".repeat(129 - "-43.20260413.2.0-zfs2.3.9".length()));

        assertEquals(128, validate(longest).output("release_tag").length());
        assertTrue(validate(tooLong).log().contains("::error::input tag leaves no room for the versioned tag"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
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
                "IMAGE           | ghcr.io/some-owner/custom-coreos:latest             | input image is not a lower-case image name",
                "IMAGE           | ghcr.io/Some-Owner/custom-coreos                    | input image is not a lower-case image name",
                "IMAGE           | ghcr.io/some-owner/custom-coreos@sha256:00          | input image is not a lower-case image name",
                "IMAGE           | ghcr.io/some-owner/x;touch pwned                    | input image is not a lower-case image name",
                "IMAGE           | ghcr.io/some-owner/-custom                          | input image is not a lower-case image name",
                "IMAGE           | ghcr.io                                             | input image is not a lower-case image name",
                "IMAGE           | some-owner/custom-coreos                            | input image does not start with a registry host",
                "IMAGE           | ghcr.io/another-owner/custom-coreos                 | input image is on ghcr.io outside this repository's owner",
                "TAG             | latest;touch pwned                                  | input tag is not an image tag",
                "TAG             | -stable                                             | input tag is not an image tag",
                "TAG             | stable/x                                            | input tag is not an image tag",
                "TAG             | ''                                                  | input tag is not an image tag"
            })
    void hostileOrMalformedInputIsRefusedBeforeAnyBuild(String name, String value, String message) throws Exception {
        Map<String, String> inputs = goodInputs();
        inputs.put(name, value);

        BashStep.Result v = validate(inputs);

        assertNotEquals(0, v.exit());
        assertTrue(v.log().contains("::error::" + message), v.log());
        assertFalse(!value.isEmpty() && v.log().contains(value), "the message never repeats the value");
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

        assertTrue(validate(multiLine).log().contains("::error::input reason is not one line"));
        assertTrue(validate(tooLong).log().contains("::error::input reason is longer than 200 characters"));
        assertEquals(0, validate(longest).exit(), "200 characters, not bytes");
    }

    @Test
    void reasonIsTextNeverCode() throws Exception {
        Path sentinel = dir.resolve("reason-ran");
        Map<String, String> inputs = goodInputs();
        inputs.put("REASON", "$(touch " + sentinel + ") `touch " + sentinel + "` ${IFS}");

        BashStep.Result v = validate(inputs);

        assertEquals(0, v.exit(), v.log());
        assertFalse(Files.exists(sentinel));
    }
}
