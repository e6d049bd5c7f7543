package dev.coreoswatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynaliteTest {
    @TempDir
    Path repository;

    @Test
    void findsDynaliteInTheRepositoryAboveTheWorkingDirectory() throws IOException {
        Path cli = repository.resolve(Dynalite.CLI_IN_REPOSITORY);
        Files.createDirectories(cli.getParent());
        Files.writeString(cli, "// cli");
        Path module = Files.createDirectories(repository.resolve("functions/core"));

        assertEquals(cli, Dynalite.locateCli(null, module));
    }

    @Test
    void aRepositoryWithoutInstalledDynaliteSaysWhichCommandToRun() throws IOException {
        Files.createDirectories(repository.resolve("infrastructure/test-services"));
        Files.writeString(repository.resolve("infrastructure/test-services/package.json"), "{}");
        Path module = Files.createDirectories(repository.resolve("functions/core"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dynalite.locateCli(null, module));

        assertTrue(e.getMessage().contains("npm ci --prefix infrastructure/test-services"), e.getMessage());
    }

    @Test
    void theEnvironmentOverrideWinsAndMustNameAFile() throws IOException {
        Path elsewhere = Files.writeString(repository.resolve("cli.js"), "// cli");

        assertEquals(elsewhere, Dynalite.locateCli(elsewhere.toString(), repository));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Dynalite.locateCli(repository.resolve("missing.js").toString(), repository));
        assertTrue(e.getMessage().contains(Dynalite.CLI_ENV), e.getMessage());
    }

    @Test
    void startsAndStopsWhatItStarted() throws IOException {
        Dynalite dynalite = Dynalite.start();
        assertTrue(dynalite.running());
        try (var client = dynalite.client()) {
            assertTrue(client.listTables().tableNames().isEmpty(), "a fresh dynalite is empty");
        } finally {
            dynalite.close();
        }
        assertFalse(dynalite.running(), "close() stops the node process");
    }
}
