package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./coreos-watch} and the JDK search it shares with {@code .ci/run} ({@code .ci/jdk.sh}), run by bash against
 * fake JDKs (a {@code java} that answers {@code -XshowSettings} with a version and otherwise prints its arguments)
 * and a fake {@code mvnw} that records its call and writes the jar. The real build and run are README command 1.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path root;
    private Path jdk17;
    private Path jdk21;
    private Path jdk25;
    private Path jre25;

    @BeforeEach
    void fakeCheckout() throws IOException {
        root = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(root.resolve(".ci"));
        Files.copy(
                ProjectFiles.root().resolve("coreos-watch"),
                root.resolve("coreos-watch"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(ProjectFiles.root().resolve(".ci/jdk.sh"), root.resolve(".ci/jdk.sh"));
        executable(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "mvnw $* (JAVA_HOME=$JAVA_HOME)" >> "$(dirname "$0")/mvnw.log"
                mkdir -p functions/cli/target && echo jar > functions/cli/target/coreos-watch.jar
                """);
        write(root.resolve("pom.xml"), "<project/>");
        write(root.resolve("functions/core/src/main/java/Core.java"), "class Core {}");
        write(root.resolve("functions/cli/pom.xml"), "<project/>");
        jdk17 = fakeJdk("jdk-17", "17", true);
        jdk21 = fakeJdk("jdk-21", "21", true);
        jdk25 = fakeJdk("jdk-25", "25", true);
        jre25 = fakeJdk("jre-25", "25", false);
    }

    @Test
    void aJavaHomeOf17GivesWayToTheFirstJdk21OrNewer() throws Exception {
        Result r = selectJdk(Map.of(
                "JAVA_HOME",
                jdk17.toString(),
                "COREOS_WATCH_JDK_DIRS",
                jdk17 + " " + jre25 + " " + jdk21 + " " + jdk25));
        assertEquals(0, r.exit, r.output);
        assertEquals(jdk21 + " " + jdk21 + "/bin", r.output.strip(), "a JRE without javac is skipped, 17 is too old");
    }

    @Test
    void aJavaHomeOf21OrNewerIsKept() throws Exception {
        Result r = selectJdk(Map.of("JAVA_HOME", jdk25.toString(), "COREOS_WATCH_JDK_DIRS", jdk21.toString()));
        assertEquals(jdk25 + " " + jdk25 + "/bin", r.output.strip());
    }

    @Test
    void withoutJavaHomeTheJdkOfJavacOnThePathCounts() throws Exception {
        Result r = selectJdk(
                Map.of("COREOS_WATCH_JDK_DIRS", jdk17.toString(), "PATH", jdk21.resolve("bin") + ":/usr/bin:/bin"));
        assertEquals(jdk21 + " " + jdk21 + "/bin", r.output.strip(), r.output);
    }

    @Test
    void withoutAJdk21TheSearchSaysWhatToInstall() throws Exception {
        Result r = selectJdk(
                Map.of("COREOS_WATCH_JDK_DIRS", jdk17 + " " + jre25, "PATH", jdk17.resolve("bin") + ":/usr/bin:/bin"));
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("no JDK 21 or newer found") && r.output.contains("JAVA_HOME"), r.output);
    }

    @Test
    void theLauncherBuildsAMissingJarWithTheChosenJdkThenRunsItWithTheArguments() throws Exception {
        Result r = launch(jdk17, "check", "--stream", "stable");
        assertEquals(0, r.exit, r.output);
        assertEquals(
                List.of("mvnw -q -B -DskipTests package -pl functions/cli -am (JAVA_HOME=" + jdk21 + ")"), mvnwCalls());
        assertTrue(r.output.contains("java " + jdk21 + " -jar " + jar() + " check --stream stable"), r.output);
    }

    @Test
    void aJarNewerThanEverySourceIsRunAsItIs() throws Exception {
        write(jar(), "jar");
        Result r = launch(null, "status");
        assertEquals(0, r.exit, r.output);
        assertFalse(Files.exists(root.resolve("mvnw.log")), r.output);
        assertTrue(r.output.contains("-jar " + jar() + " status"), r.output);
    }

    @Test
    void aSourceNewerThanTheJarRebuildsIt() throws Exception {
        write(jar(), "jar");
        Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().minusSeconds(3600)));
        Result r = launch(null, "status");
        assertEquals(0, r.exit, r.output);
        assertEquals(1, mvnwCalls().size(), r.output);
    }

    @Test
    void mvnRunsTheWrapperWithTheChosenJdkAndBuildsNoJar() throws Exception {
        Result r = launch(jdk17, "mvn", "-B", "-ntp", "verify");
        assertEquals(0, r.exit, r.output);
        assertEquals(List.of("mvnw -B -ntp verify (JAVA_HOME=" + jdk21 + ")"), mvnwCalls());
        assertFalse(r.output.contains("-jar"), r.output);
    }

    @Test
    void withoutAJdk21TheLauncherStopsBeforeBuilding() throws Exception {
        Result r = run(
                List.of(root.resolve("coreos-watch").toString(), "check"),
                Map.of("COREOS_WATCH_JDK_DIRS", jdk17.toString(), "PATH", jdk17.resolve("bin") + ":/usr/bin:/bin"));
        assertEquals(2, r.exit, r.output);
        assertFalse(Files.exists(root.resolve("mvnw.log")));
    }

    private Result selectJdk(Map<String, String> env) throws Exception {
        return run(List.of("bash", "-c", "source .ci/jdk.sh && jdk_select && echo \"$JAVA_HOME ${PATH%%:*}\""), env);
    }

    /** The launcher with JAVA_HOME as given (or unset), the 21 and 25 JDKs as candidates and a 17 first on PATH. */
    private Result launch(Path javaHome, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "COREOS_WATCH_JDK_DIRS",
                jdk17 + " " + jdk21 + " " + jdk25,
                "PATH",
                jdk17.resolve("bin") + ":/usr/bin:/bin"));
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        List<String> command =
                new ArrayList<>(List.of(root.resolve("coreos-watch").toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);
        return new Result(process.exitValue(), output);
    }

    private List<String> mvnwCalls() throws IOException {
        return Files.readAllLines(root.resolve("mvnw.log"));
    }

    private Path jar() {
        return root.resolve("functions/cli/target/coreos-watch.jar");
    }

    private Path fakeJdk(String name, String version, boolean withJavac) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        executable(home.resolve("bin/java"), """
                #!/usr/bin/env bash
                if [[ $1 == -XshowSettings:properties ]]; then
                  echo "    java.specification.version = %s" >&2
                  exit 0
                fi
                echo "java $(dirname "$(dirname "$0")") $*"
                """.formatted(version));
        if (withJavac) {
            executable(home.resolve("bin/javac"), "#!/bin/sh\n");
        }
        return home;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void executable(Path file, String text) throws IOException {
        write(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exit, String output) {}
}
