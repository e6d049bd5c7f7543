package dev.coreoswatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A plain registry behind htpasswd: it answers with a Basic challenge, and credentials go straight to it. */
class RegistryClientBasicAuthTest {
    private static final String REPO = "owner/custom-coreos";
    private static final String PASSWORD = "canary-htpasswd-4d1f9a";
    private static final List<Platform> BOTH = List.of(Arch.X86_64.platform(), Arch.AARCH64.platform());

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY =
            RegistryExtension.of(() -> LocalRegistry.withBasicAuth("ci-reader", PASSWORD));

    private static final LocalRegistry registry = REGISTRY.get();
    private static final Http HTTP = new UrlConnectionHttp(Http.Limits.DEFAULT);

    @BeforeAll
    static void start() {
        registry.push(
                REPO,
                "stable",
                Layout.OCI_INDEX,
                Map.of(
                        Arch.X86_64,
                                Map.of(ImageLabels.COREOS_VERSION, "43.20251110.3.1", ImageLabels.ZFS_VERSION, "2.3.5"),
                        Arch.AARCH64,
                                Map.of(
                                        ImageLabels.COREOS_VERSION,
                                        "43.20251110.3.1",
                                        ImageLabels.ZFS_VERSION,
                                        "2.3.5")));
    }

    @Test
    void readsLabelsWithTheConfiguredCredentials() {
        RegistryClient client = new RegistryClient(HTTP, registry.plainHttpHosts(), registry.credentialsByHost());

        ImageLookup lookup = client.lookup(registry.image(REPO, "stable"), BOTH);

        assertEquals(
                "2.3.5",
                lookup.platform(Arch.AARCH64.platform()).orElseThrow().labels().get(ImageLabels.ZFS_VERSION));
        assertEquals(
                "43.20251110.3.1",
                lookup.platform(Arch.X86_64.platform()).orElseThrow().labels().get(ImageLabels.COREOS_VERSION));
    }

    @Test
    void withoutCredentialsTheErrorNamesTheKeysToSet() {
        RegistryClient client = new RegistryClient(HTTP, registry.plainHttpHosts(), Map.of());

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class, () -> client.lookup(registry.image(REPO, "stable"), BOTH));

        assertTrue(e.getMessage().contains("registry.username"), e.getMessage());
        assertTrue(e.getMessage().contains("registry.password"), e.getMessage());
        assertTrue(e.getMessage().contains(registry.hostPort()), e.getMessage());
    }

    @Test
    void aMissingTagBehindAuthIsStillAbsent() {
        RegistryClient client = new RegistryClient(HTTP, registry.plainHttpHosts(), registry.credentialsByHost());

        assertTrue(
                client.lookup(registry.image(REPO, "testing"), BOTH).absence().isPresent());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorThatDoesNotShowThePassword() {
        String wrong = PASSWORD + "-wrong";
        RegistryClient client = new RegistryClient(
                HTTP,
                registry.plainHttpHosts(),
                Map.of(registry.hostPort(), new RegistryCredentials("ci-reader", new Secret(wrong))));

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class, () -> client.lookup(registry.image(REPO, "stable"), BOTH));

        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains(REPO), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void credentialsForAnotherHostAreNotUsed() {
        // Same registry, but the credentials are keyed by a different host: they must stay unused.
        RegistryClient client = new RegistryClient(
                HTTP,
                registry.plainHttpHosts(),
                Map.of("ghcr.io", registry.credentials().orElseThrow()));

        assertThrows(RegistryAuthenticationException.class, () -> client.lookup(registry.image(REPO, "stable"), BOTH));
    }
}
