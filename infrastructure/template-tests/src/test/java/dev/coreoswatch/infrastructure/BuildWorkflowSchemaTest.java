package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            node = version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException absent) {
            node = false;
        }
        Assumptions.assumeTrue(node, "node is not installed: the workflow is NOT validated against GitHub's workflow schema");
        assertTrue(Files.isDirectory(SERVICES.resolve("node_modules/@actions/workflow-parser")),
                "run npm ci --prefix infrastructure/test-services: @actions/workflow-parser is missing");
    }

    private record Validation(int exit, String output) {
    }

    private static Validation validate(Path workflow) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", SERVICES.resolve("validate-workflow.mjs").toString(), workflow.toString())
                .redirectErrorStream(true).start();
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

    @Test
    void aMisspeltStepKeyIsReported() throws Exception {
        Validation v = validateEdited("        with:\n          persist-credentials: false", "        whit:\n          persist-credentials: false");

        assertNotEquals(0, v.exit());
        assertTrue(v.output().contains("Unexpected value 'whit'"), v.output());
    }

    @Test
    void anUnknownPermissionIsReported() throws Exception {
        Validation v = validateEdited("      packages: write # move the tag", "      packages: write\n      tags: write");

        assertNotEquals(0, v.exit());
        assertTrue(v.output().contains("Unexpected value 'tags'"), v.output());
    }

    /** Found when the parsed workflow is converted into jobs, as the Actions service does, not by the schema alone. */
    @Test
    void aJobWaitingForAnUnknownJobIsReported() throws Exception {
        Validation v = validateEdited("    needs: [plan, index, provenance]\n", "    needs: [plan, index, provenanse]\n");

        assertNotEquals(0, v.exit());
        assertTrue(v.output().contains("Job 'release' depends on unknown job 'provenanse'"), v.output());
    }

    @Test
    void anUnknownContextInAnExpressionIsReported() throws Exception {
        Validation v = validateEdited("${{ needs.plan.outputs.release_tag }}", "${{ need.plan.outputs.release_tag }}");

        assertNotEquals(0, v.exit());
        assertTrue(v.output().contains("Unrecognized named-value: 'need'"), v.output());
    }
}
