package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The build job's "test the image" step, run with bash against a stand-in {@code docker} that answers as the
 * built image would: every check runs, a failing one fails the step, and the step summary names it.
 */
class BuildWorkflowChecksTest {
    private static final List<String> CHECKS = List.of("kernel", "zfs_module", "labels", "bootc_lint");
    private static final String KERNEL = "6.19.11-200.fc43.x86_64";

    /**
     * Plays the image: {@code docker run ... --entrypoint rpm|modinfo|sh|bootc IMAGE ...} and {@code docker image
     * inspect}, from FAKE_* variables. Refuses anything else, so a push or a pull here fails the test.
     */
    private static final String FAKE_DOCKER = """
            #!/usr/bin/env bash
            echo "$*" >>"$FAKE_CALLS"
            if [[ $1 == image && $2 == inspect && ${*: -1} == "$TEST_IMAGE" ]]; then
              printf '%s\\n' "$FAKE_LABELS"; exit 0
            fi
            [[ $1 == run ]] || { echo "unexpected docker call: $*" >&2; exit 2; }
            shift
            entrypoint=
            while [[ $1 == --* ]]; do
              case $1 in
                --entrypoint) entrypoint=$2; shift 2 ;;
                --network|--platform) shift 2 ;;
                *) shift ;;
              esac
            done
            [[ $1 == "$TEST_IMAGE" ]] || { echo "unexpected image $1" >&2; exit 125; }
            shift
            case $entrypoint in
              rpm) printf '%s\\n' "$FAKE_KERNEL" ;;
              modinfo)
                if [[ -n $FAKE_ZFS && $* == "-k $FAKE_KERNEL -F version zfs" ]]; then echo "$FAKE_ZFS"; exit 0; fi
                echo "modinfo: ERROR: Module zfs not found." >&2; exit 1 ;;
              sh) [[ $FAKE_BOOTC != absent ]] || exit 1; echo /usr/bin/bootc ;;
              bootc) [[ $FAKE_BOOTC == passes ]] || { echo "Lint failed: var-tmpfiles" >&2; exit 1; } ;;
              *) echo "unexpected entrypoint $entrypoint" >&2; exit 127 ;;
            esac
            """;

    static String script;
    static Path bin;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws IOException {
        script = BuildWorkflow.load().run("build", "test");
        bin = Files.createDirectories(dir.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, FAKE_DOCKER);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A good amd64 image: what the step's env (job and step) holds, and what the stand-in image answers. */
    private static Map<String, String> goodImage() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PLATFORM", "linux/amd64");
        env.put("ARCH", "x86_64");
        env.put("TEST_IMAGE", "localhost/coreos-watch-test:tested");
        env.put("COREOS_VERSION", "43.20260413.2.0");
        env.put("ZFS_VERSION", "2.4.3");
        env.put("KERNEL_VERSION", KERNEL);
        env.put("EXPECTED_KERNEL", KERNEL);
        env.put("GITHUB_REPOSITORY", "Some-Owner/zfs-images");
        env.put("FAKE_CALLS", Files.createTempFile(dir, "docker-calls", "").toString());
        env.put("FAKE_KERNEL", KERNEL);
        env.put("FAKE_ZFS", "2.4.3-1");
        env.put("FAKE_BOOTC", "passes");
        env.put("FAKE_LABELS", labels("43.20260413.2.0", "2.4.3", KERNEL, "https://github.com/Some-Owner/zfs-images"));
        return env;
    }

    private static String labels(String coreos, String zfs, String kernel, String source) {
        return """
                {"custom-coreos.coreos-version":"%s","custom-coreos.zfs-version":"%s","custom-coreos.kernel-version":"%s",\
                "org.opencontainers.image.source":"%s","org.opencontainers.image.version":"43.20260413.2.0"}""".formatted(coreos, zfs, kernel, source);
    }

    private static BashStep.Result check(Map<String, String> env) throws Exception {
        return BashStep.run(script, env, dir, bin);
    }

    private static String row(String check, String result) {
        return "| " + check + " | " + result + " |";
    }

    @Test
    void aGoodImagePassesEveryCheck() throws Exception {
        Map<String, String> env = goodImage();

        BashStep.Result r = check(env);

        assertEquals(0, r.exit(), r.log());
        for (String check : CHECKS) {
            assertTrue(r.summary().contains(row(check, "passed")), r.summary());
        }
        assertTrue(r.summary().contains("zfs 2.4.3-1 for " + KERNEL), r.summary());
        assertTrue(r.summary().contains("bootc container lint passed"), r.summary());
        List<String> calls = Files.readAllLines(Path.of(env.get("FAKE_CALLS")));
        assertTrue(
                calls.stream().filter(c -> c.startsWith("run ")).allMatch(c -> c.contains("--network none")),
                calls.toString());
    }

    /** An image whose kernel is not its base's has no zfs module for the base's kernel either: two checks fail. */
    @ParameterizedTest(name = "{0} = {1} fails {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "FAKE_ZFS        | 2.4.2-1                                     | zfs_module",
                "FAKE_ZFS        | ''                                          | zfs_module",
                "FAKE_KERNEL     | 6.19.12-200.fc43.x86_64                     | kernel zfs_module",
                "EXPECTED_KERNEL | 6.19.10-200.fc43.x86_64                     | kernel",
                "FAKE_BOOTC      | fails                                       | bootc_lint",
                "FAKE_LABELS     | {\"custom-coreos.zfs-version\":\"2.4.3\"}    | labels",
                "FAKE_LABELS     | null                                        | labels"
            })
    void aFailingCheckFailsTheStepAndTheSummaryNamesIt(String name, String value, String failing) throws Exception {
        Map<String, String> env = goodImage();
        env.put(name, value);

        BashStep.Result r = check(env);

        assertNotEquals(0, r.exit());
        assertTrue(
                r.log().contains("::error::linux/amd64 failed the checks: " + failing + "; nothing was pushed"),
                r.log());
        List<String> failed = List.of(failing.split(" "));
        for (String each : CHECKS) {
            assertTrue(
                    r.summary().contains(row(each, failed.contains(each) ? "FAILED" : "passed")),
                    "every check runs: " + r.summary());
        }
    }

    @Test
    void eachLabelIsComparedWithTheInputs() throws Exception {
        Map<String, String> wrongZfs = goodImage();
        wrongZfs.put(
                "FAKE_LABELS", labels("43.20260413.2.0", "2.4.2", KERNEL, "https://github.com/Some-Owner/zfs-images"));
        Map<String, String> wrongSource = goodImage();
        wrongSource.put(
                "FAKE_LABELS",
                labels("43.20260413.2.0", "2.4.3", KERNEL, "https://github.com/coreos/fedora-coreos-config"));
        Map<String, String> wrongCoreos = goodImage();
        wrongCoreos.put(
                "FAKE_LABELS", labels("43.20260331.3.1", "2.4.3", KERNEL, "https://github.com/Some-Owner/zfs-images"));

        for (Map<String, String> env : List.of(wrongZfs, wrongSource, wrongCoreos)) {
            BashStep.Result r = check(env);
            assertNotEquals(0, r.exit());
            assertTrue(r.summary().contains(row("labels", "FAILED")), r.summary());
        }
    }

    @Test
    void anUnknownExpectedKernelIsCheckedAgainstTheBaseImageOnly() throws Exception {
        Map<String, String> env = goodImage();
        env.put("EXPECTED_KERNEL", "unknown");

        BashStep.Result r = check(env);

        assertEquals(0, r.exit(), r.log());
        assertTrue(r.summary().contains(row("kernel", "passed") + " " + KERNEL + " |"), r.summary());
    }

    @Test
    void withoutBootcTheLintIsSkippedNotFailed() throws Exception {
        Map<String, String> env = goodImage();
        env.put("FAKE_BOOTC", "absent");

        BashStep.Result r = check(env);

        assertEquals(0, r.exit(), r.log());
        assertTrue(
                r.summary().contains(row("bootc_lint", "passed") + " skipped: the base image ships no bootc |"),
                r.summary());
        assertFalse(Files.readString(Path.of(env.get("FAKE_CALLS"))).contains("--entrypoint bootc"));
    }
}
