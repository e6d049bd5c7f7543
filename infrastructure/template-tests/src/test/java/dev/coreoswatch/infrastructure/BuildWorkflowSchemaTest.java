package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example build workflow against GitHub's own workflow schema and parser ({@code @actions/workflow-parser}, run by
 * {@code infrastructure/test-services/validate-workflow.mjs}), offline. Needs node and {@code npm ci} in
 * infrastructure/test-services; without node the test is skipped with a message, never passed silently.
 */
class BuildWorkflowSchemaTest {
    private static final Path SERVICES = ProjectFiles.root().resolve("infrastructure/test-services");

    @TempDir
    static Path dir;

    @BeforeAll
    static void requireNode() throws InterruptedException {
        boolean node;
        try {
            Process version = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            version.getInputStream().readAllBytes();
            node = version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException absent) {
            node = false;
        }
        Assumptions.assumeTrue(
                node, "node is not installed: the workflow is NOT validated against GitHub's workflow schema");
        assertTrue(
                Files.isDirectory(SERVICES.resolve("node_modules/@actions/workflow-parser")),
                "run npm ci --prefix infrastructure/test-services: @actions/workflow-parser is missing");
    }

    private record Validation(int exit, String output) {}

    private static Validation validate(Path workflow) throws IOException, InterruptedException {
        Process node = new ProcessBuilder(
                        "node", SERVICES.resolve("validate-workflow.mjs").toString(), workflow.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the validator did not finish");
        return new Validation(node.exitValue(), output);
    }

    private static Validation validateEdited(String from, String to) throws IOException, InterruptedException {
        String text = Files.readString(ProjectFiles.workflow());
        assertTrue(text.contains(from), from);
        Path edited = dir.resolve("build-" + Integer.toHexString(from.hashCode()) + ".yaml");
        Files.writeString(edited, text.replace(from, to));
        return validate(edited);
    }

    @Test
    void theWorkflowIsValid() throws Exception {
        Validation v = validate(ProjectFiles.workflow());

        assertEquals(0, v.exit(), v.output());
        assertEquals(ProjectFiles.workflow() + ": valid", v.output().strip());
    }

    /**
     * Each edit breaks the workflow in a way GitHub would refuse; the last is found only when the parsed workflow is
     * converted into jobs, as the Actions service does, not by the schema alone.
     */
    static Stream<Arguments> brokenCopies() {
        return Stream.of(
                Arguments.of(
                        "a misspelt step key",
                        "        with:\n          persist-credentials: false",
                        "        whit:\n          persist-credentials: false",
                        "Unexpected value 'whit'"),
                Arguments.of(
                        "an unknown permission",
                        "      packages: write # move the tag",
                        "      packages: write\n      tags: write",
                        "Unexpected value 'tags'"),
                Arguments.of(
                        "an unknown context",
                        "${{ needs.plan.outputs.release_tag }}",
                        "${{ need.plan.outputs.release_tag }}",
                        "Unrecognized named-value: 'need'"),
                Arguments.of(
                        "a job waiting for an unknown job",
                        "    needs: [plan, index, provenance]\n",
                        "    needs: [plan, index, provenanse]\n",
                        "Job 'release' depends on unknown job 'provenanse'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCopies")
    void aBrokenCopyIsReported(String what, String from, String to, String message) throws Exception {
        Validation v = validateEdited(from, to);

        assertNotEquals(0, v.exit(), what);
        assertTrue(v.output().contains(message), v.output());
    }
}
