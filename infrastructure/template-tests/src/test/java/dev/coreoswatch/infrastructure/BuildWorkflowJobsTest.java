package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example build workflow's job graph and supply chain: tests before any push, the tag coreos-watch reads moves
 * last, actions are pinned by commit, and each job holds exactly the permissions docs/workflow.md lists.
 */
class BuildWorkflowJobsTest {
    private static final Pattern TAG_WRITE = Pattern.compile("--tag \"([^\"]+)\"");
    private static final Pattern PINNED =
            Pattern.compile("^\\s*(?:- )?uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?#?([A-Z][A-Z0-9_]*)");

    static BuildWorkflow workflow;
    static String docs;

    @BeforeAll
    static void load() throws IOException {
        workflow = BuildWorkflow.load();
        docs = Files.readString(ProjectFiles.root().resolve("docs/workflow.md"));
    }

    @Test
    void eachPlatformIsTestedBeforeAnythingIsPushedOrLoggedIn() {
        int build = workflow.indexOf("build", "build");
        int test = workflow.indexOf("build", "test");
        int push = workflow.indexOf("build", "push");
        assertTrue(build < test && test < push, "build, test, push in that order");

        List<?> steps = workflow.steps("build");
        for (int i = 0; i < test; i++) {
            Object step = steps.get(i);
            String run = String.valueOf(Tree.at(step, "run"));
            assertFalse(
                    run.contains("push=true")
                            || run.contains("docker push")
                            || run.contains("imagetools create")
                            || run.contains("docker login"),
                    "step " + i + " before the tests pushes or logs in: " + run);
            Object uses = Tree.at(step, "uses");
            assertTrue(uses == null || uses.toString().startsWith("actions/checkout@"), "step " + i + " uses " + uses);
        }
        String buildRun = workflow.run("build", "build");
        assertTrue(buildRun.contains("--load --tag \"$TEST_IMAGE\""), buildRun);
        assertFalse(buildRun.contains("push=true"), buildRun);
        assertTrue(workflow.run("build", "test").contains("\"$TEST_IMAGE\""), "the tests run the loaded image");

        String pushRun = workflow.run("build", "push");
        assertTrue(
                pushRun.contains("mapfile -d '' -t args <\"$RUNNER_TEMP/build-args\""),
                "the push rebuilds with the tested arguments");
        assertTrue(buildRun.contains("printf '%s\\0' \"${args[@]}\" >\"$RUNNER_TEMP/build-args\""), buildRun);
        assertTrue(pushRun.contains("push-by-digest=true") && pushRun.contains("push=true"), pushRun);
        assertTrue(pushRun.contains("$pushed == \"$tested\""), "the pushed config is compared with the tested one");
        assertEquals(
                true,
                Tree.at(workflow.jobs(), "build", "strategy", "fail-fast"),
                "one failed platform stops the others");
    }

    /** Only release writes inputs.tag; index writes the versioned tag; nothing else writes a tag at all. */
    @Test
    void theTagMovesOnlyAfterEveryPlatformWasTestedScannedAndAttested() {
        Map<String, List<String>> tagWrites = new TreeMap<>();
        for (String job : workflow.jobs().keySet()) {
            Matcher m = TAG_WRITE.matcher(workflow.allRuns(job));
            while (m.find()) {
                tagWrites.computeIfAbsent(job, j -> new ArrayList<>()).add(m.group(1));
            }
        }
        assertEquals(
                Map.of(
                        "build",
                        List.of("$TEST_IMAGE"),
                        "index",
                        List.of("$IMAGE:$RELEASE_TAG"),
                        "release",
                        List.of("$IMAGE:$TAG")),
                tagWrites,
                "build tags only its local test image");

        assertEquals(Set.of("plan", "build", "scan", "sbom", "index", "provenance"), workflow.upstream("release"));
        String index = (String) Tree.at(workflow.jobs(), "index", "if");
        for (String required : List.of(
                "!cancelled()",
                "needs.build.result == 'success'",
                "needs.scan.result == 'success'",
                "(needs.sbom.result == 'success' || needs.sbom.result == 'skipped')")) {
            assertTrue(index.contains(required), index);
        }
        String release = (String) Tree.at(workflow.jobs(), "release", "if");
        for (String required : List.of(
                "!cancelled()",
                "needs.index.result == 'success'",
                "(needs.provenance.result == 'success' || needs.provenance.result == 'skipped')")) {
            assertTrue(release.contains(required), release);
        }
        assertFalse(
                String.valueOf(Tree.at(workflow.jobs(), "provenance", "if")).contains("cancelled()"),
                "provenance runs only after a successful index");
    }

    @Test
    void everyActionIsPinnedByCommitWithItsVersion() {
        int parsed = 0;
        for (String job : workflow.jobs().keySet()) {
            for (Object step : workflow.steps(job)) {
                if (Tree.at(step, "uses") != null) {
                    parsed++;
                }
            }
        }
        List<String> usesLines = workflow.text()
                .lines()
                .filter(l -> l.matches("^\\s*(- )?uses:.*"))
                .toList();
        List<String> unpinned =
                usesLines.stream().filter(l -> !PINNED.matcher(l).matches()).toList();

        assertEquals(List.of(), unpinned);
        assertEquals(parsed, usesLines.size(), "every uses: is on a line of its own");
        assertTrue(parsed >= 10, "checkout, artifacts, scan, SARIF upload, SBOM and attestations: " + parsed);
    }

    @Test
    void eachJobHoldsExactlyThePermissionsTheDocsList() {
        Map<String, Map<String, String>> documented = documentedPermissions();

        assertEquals(Map.of(), workflow.root().get("permissions"), "the workflow grants nothing by default");
        assertEquals(workflow.jobs().keySet(), documented.keySet(), "every job is in the docs' table");
        documented.forEach(
                (job, permissions) -> assertEquals(permissions, Tree.at(workflow.jobs(), job, "permissions"), job));
        workflow.jobs().forEach((job, definition) -> {
            boolean signs = Tree.map(definition, "permissions").containsKey("id-token");
            assertEquals(
                    Set.of("sbom", "provenance").contains(job),
                    signs,
                    job + ": only the attesting jobs mint an OIDC token");
        });
    }

    /** The table under "## Permissions per job": | `job` | `key: value`, ... or none | why |. */
    private static Map<String, Map<String, String>> documentedPermissions() {
        String section = docs.substring(docs.indexOf("\n## Permissions per job\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z]+)` \\| ([^|]+) \\|").matcher(section);
        while (row.find()) {
            Map<String, String> grants = new LinkedHashMap<>();
            if (!row.group(2).strip().equals("none")) {
                for (String grant : row.group(2).split(",")) {
                    String[] kv = grant.strip().replace("`", "").split(": ");
                    grants.put(kv[0], kv[1]);
                }
            }
            table.put(row.group(1), grants);
        }
        assertFalse(table.isEmpty(), "no permissions table in docs/workflow.md");
        return table;
    }

    @Test
    void theScanBlocksOnlyWhenTheRepositoryVariableSaysSo() {
        Object scan = workflow.step("scan", "scan");
        assertEquals("critical", Tree.at(scan, "with", "severity-cutoff"));
        assertEquals("${{ vars.SCAN_BLOCKS_ON_CRITICAL == 'true' }}", Tree.at(scan, "with", "fail-build"));
        assertTrue(docs.contains("gh variable set SCAN_BLOCKS_ON_CRITICAL --body true"), "the docs say how to block");

        // Findings are kept even when the scan blocks.
        List<String> keep = new ArrayList<>();
        for (Object step : workflow.steps("scan")) {
            if (String.valueOf(Tree.at(step, "with", "sarif_file")).contains("steps.scan.outputs.sarif")
                    || String.valueOf(Tree.at(step, "with", "path")).contains("steps.scan.outputs.sarif")) {
                keep.add(String.valueOf(Tree.at(step, "if")));
            }
        }
        assertEquals(2, keep.size(), "code scanning and the run's artifact");
        keep.forEach(condition -> assertTrue(condition.startsWith("${{ !cancelled() && "), condition));
    }

    /** A variable a script reads that no env: declares is empty on the runner, and set -u or a test would not see it. */
    @Test
    void everyVariableAScriptReadsIsDeclaredOrSetByTheRunner() {
        Map<String, Set<String>> undeclared = new TreeMap<>();
        workflow.jobs().forEach((job, definition) -> {
            Set<String> jobEnv = Tree.at(definition, "env") == null
                    ? Set.of()
                    : Tree.map(definition, "env").keySet();
            for (Object step : workflow.steps(job)) {
                if (!(Tree.at(step, "run") instanceof String script)) {
                    continue;
                }
                Set<String> declared = new TreeSet<>(jobEnv);
                if (Tree.at(step, "env") != null) {
                    declared.addAll(Tree.map(step, "env").keySet());
                }
                Matcher m = VARIABLE.matcher(script);
                while (m.find()) {
                    String name = m.group(1);
                    if (!declared.contains(name) && !name.startsWith("GITHUB_") && !name.startsWith("RUNNER_")) {
                        undeclared
                                .computeIfAbsent(job + "/" + Tree.at(step, "name"), k -> new TreeSet<>())
                                .add(name);
                    }
                }
            }
        });
        assertEquals(Map.of(), undeclared);
    }
}
