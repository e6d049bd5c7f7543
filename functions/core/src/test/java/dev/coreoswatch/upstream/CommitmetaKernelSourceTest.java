package dev.coreoswatch.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Version;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommitmetaKernelSourceTest {
    static final String STABLE = "/prod/streams/stable/builds/44.20260707.3.1/x86_64/commitmeta.json";
    static final String TESTING_ARM = "/prod/streams/testing/builds/45.20261103.2.1/aarch64/commitmeta.json";

    @RegisterExtension
    static WireMockExtension fcos = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final LoopbackHttp net = new LoopbackHttp();

    private CommitmetaKernelSource source() {
        return new CommitmetaKernelSource(net.http, URI.create("http://127.0.0.1:" + fcos.getPort()));
    }

    private Optional<KernelVersion> stableX86() {
        return source().kernel("stable", Version.parse("44.20260707.3.1"), Arch.X86_64);
    }

    /** The x86_64 fixture with its package list changed by {@code edit}. */
    private void serveEdited(Consumer<ArrayNode> edit) {
        ObjectNode doc = Fixtures.object("commitmeta-44.20260707.3.1-x86_64.json");
        edit.accept((ArrayNode) doc.get("rpmostree.rpmdb.pkglist"));
        fcos.stubFor(get(STABLE).willReturn(okJson(Fixtures.json(doc))));
    }

    private static ArrayNode entry(String... fields) {
        ArrayNode entry = JsonNodeFactory.instance.arrayNode();
        for (String f : fields) {
            entry.add(f);
        }
        return entry;
    }

    private static void remove(ArrayNode packages, String name) {
        for (int i = packages.size() - 1; i >= 0; i--) {
            if (packages.get(i).get(0).asText().equals(name)) {
                packages.remove(i);
            }
        }
    }

    @Test
    void readsTheKernelPackageOfTheBuild() {
        fcos.stubFor(get(STABLE).willReturn(okJson(Fixtures.text("commitmeta-44.20260707.3.1-x86_64.json"))));

        assertEquals(Optional.of(KernelVersion.parse("6.19.14-200.fc44.x86_64")), stableX86());
        assertEquals("commitmeta.json", source().name());
        fcos.verify(1, getRequestedFor(urlEqualTo(STABLE)));
    }

    @Test
    void fallsBackToKernelCoreWhenThereIsNoKernelPackage() {
        fcos.stubFor(get(TESTING_ARM)
                .willReturn(okJson(Fixtures.text("commitmeta-45.20261103.2.1-aarch64-kernel-core-only.json"))));

        Optional<KernelVersion> kernel = source().kernel("testing", Version.parse("45.20261103.2.1"), Arch.AARCH64);

        assertEquals(Optional.of(KernelVersion.parse("7.0.4-300.fc44.aarch64")), kernel);
    }

    @Test
    void prefersKernelOverKernelCoreWhenBothAreListed() {
        serveEdited(packages -> {
            remove(packages, "kernel-core");
            packages.add(entry("kernel-core", "0", "6.19.9", "100.fc44", "x86_64"));
        });

        assertEquals(Optional.of(KernelVersion.parse("6.19.14-200.fc44.x86_64")), stableX86());
    }

    @Test
    void aDocumentWithoutEitherPackageIsAbsent() {
        serveEdited(packages -> {
            remove(packages, "kernel");
            remove(packages, "kernel-core");
        });

        assertEquals(Optional.empty(), stableX86());
    }

    @Test
    void aDocumentWithoutAPackageListIsAbsent() {
        ObjectNode doc = Fixtures.object("commitmeta-44.20260707.3.1-x86_64.json");
        doc.remove("rpmostree.rpmdb.pkglist");
        fcos.stubFor(get(STABLE).willReturn(okJson(Fixtures.json(doc))));

        assertEquals(Optional.empty(), stableX86());
    }

    /** The chain commitmeta.json → a base image label that knows the kernel, resolved for stable x86_64. */
    private KernelResolution resolvedWithTheLabelAfterCommitmeta() {
        KernelSource label = new KernelSource() {
            public String name() {
                return "base image label";
            }

            public Optional<KernelVersion> kernel(String stream, Version release, Arch arch) {
                return Optional.of(KernelVersion.parse("6.19.13-200.fc44.x86_64"));
            }
        };
        return new KernelResolver(List.of(source(), label))
                .resolve("stable", Version.parse("44.20260707.3.1"), Arch.X86_64);
    }

    @Test
    void aMissingDocumentIsAbsentAndTheChainGoesOn() {
        fcos.stubFor(get(STABLE).willReturn(aResponse().withStatus(404)));

        KernelResolution resolution = resolvedWithTheLabelAfterCommitmeta();

        assertEquals(Optional.of(KernelVersion.parse("6.19.13-200.fc44.x86_64")), resolution.kernel());
        assertEquals(List.of("commitmeta.json", "base image label"), resolution.tried());
        fcos.verify(1, getRequestedFor(urlEqualTo(STABLE)));
    }

    /** What builds.coreos.fedoraproject.org (S3, no listing) answers for an object that does not exist. */
    static final String S3_MISSING_OBJECT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4JX8Y2D3Q0T5R7WA</RequestId>\
            <HostId>Zk1nKq9yY2h3c0pQd2VzZ2Fvb3JqZ0t6bXh5dE1iR1VxQ0p6c3Q=</HostId></Error>""";

    @Test
    void s3sAccessDeniedForAMissingObjectIsAbsentAndTheChainGoesOn() {
        fcos.stubFor(get(STABLE)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/xml")
                        .withHeader("Server", "AmazonS3")
                        .withBody(S3_MISSING_OBJECT)));

        KernelResolution resolution = resolvedWithTheLabelAfterCommitmeta();

        assertEquals(Optional.of(KernelVersion.parse("6.19.13-200.fc44.x86_64")), resolution.kernel());
        assertEquals(List.of("commitmeta.json", "base image label"), resolution.tried());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // S3, but not "no such object": a signature or policy problem is a fault
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>x</Message></Error>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AllAccessDisabled</Code><Message>All access to this object has been disabled</Message></Error>",
                // a proxy or a firewall in front of the host
                "<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><!-- <Error><Code>AccessDenied</Code> --></body></html>",
                "{\"message\":\"Forbidden\"}",
                ""
            })
    void anyOther403IsAFault(String body) {
        fcos.stubFor(get(STABLE).willReturn(aResponse().withStatus(403).withBody(body)));

        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, this::stableX86);

        assertTrue(e.getMessage().contains("answered HTTP 403"), e.getMessage());
    }

    @Test
    void s3sAccessDeniedBodyOnA401IsStillAFault() {
        fcos.stubFor(get(STABLE).willReturn(aResponse().withStatus(401).withBody(S3_MISSING_OBJECT)));

        assertThrows(UpstreamUnavailableException.class, this::stableX86);
    }

    @Test
    void aServerErrorIsRetriedThenStopsTheChain() {
        fcos.stubFor(get(STABLE).willReturn(aResponse().withStatus(500)));
        KernelSource never = new KernelSource() {
            public String name() {
                return "never";
            }

            public Optional<KernelVersion> kernel(String stream, Version release, Arch arch) {
                throw new AssertionError("the chain went on after a fault");
            }
        };

        UpstreamUnavailableException e = assertThrows(
                UpstreamUnavailableException.class,
                () -> new KernelResolver(List.of(source(), never))
                        .resolve("stable", Version.parse("44.20260707.3.1"), Arch.X86_64));

        assertTrue(e.getMessage().contains("answered HTTP 500"), e.getMessage());
        fcos.verify(LoopbackHttp.QUICK.maxAttempts(), getRequestedFor(urlEqualTo(STABLE)));
        assertEquals(LoopbackHttp.QUICK.maxAttempts() - 1, net.waits.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 429, 502})
    void refusalsAreFaultsNotAbsence(int status) {
        fcos.stubFor(get(STABLE).willReturn(aResponse().withStatus(status)));

        assertThrows(UpstreamUnavailableException.class, this::stableX86);
    }

    @Test
    void noAnswerIsAFault() {
        LoopbackHttp impatient = new LoopbackHttp(Duration.ofMillis(300));
        fcos.stubFor(get(STABLE).willReturn(okJson("{}").withFixedDelay(2_000)));

        assertThrows(
                UpstreamUnavailableException.class,
                () -> new CommitmetaKernelSource(impatient.http, URI.create("http://127.0.0.1:" + fcos.getPort()))
                        .kernel("stable", Version.parse("44.20260707.3.1"), Arch.X86_64));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "",
                "[]",
                "{\"rpmostree.rpmdb.pkglist\":{}}",
                "{\"rpmostree.rpmdb.pkglist\":[\"kernel\"]}",
                "{\"rpmostree.rpmdb.pkglist\":[[1,\"0\",\"6.19.14\",\"200.fc44\",\"x86_64\"]]}",
                "{\"rpmostree.rpmdb.pkglist\":[[\"kernel\",\"0\",\"6.19.14\",\"200.fc44\"]]}",
                "{\"rpmostree.rpmdb.pkglist\":[[\"kernel\",0,\"6.19.14\",\"200.fc44\",\"x86_64\"]]}",
                "{\"rpmostree.rpmdb.pkglist\":[[\"kernel\",\"0\",\"6.19.14\",\"200.fc44\",\"aarch64\"]]}",
                "{\"rpmostree.rpmdb.pkglist\":[[\"kernel\",\"0\",\"6.19;reboot\",\"200.fc44\",\"x86_64\"]]}",
                "{\"rpmostree.rpmdb.pkglist\":[[\"kernel\",\"0\",\"$(id)\",\"200.fc44\",\"x86_64\"]]}",
                "{\"rpmostree.rpmdb.pkglist\":[[\"kernel-core\",\"0\",\"6.19.14\",\"200.fc44\\nERROR forged\",\"x86_64\"]]}",
                "{\"rpmostree.rpmdb.pkglist\":[[\"kernel\",\"0\",\"6.19.14\",\"200.fc44\",\"x86_64\"],[\"kernel\",\"0\",\"6.19.15\",\"200.fc44\",\"x86_64\"]]}"
            })
    void aMalformedDocumentIsAFaultWithASafeMessage(String body) {
        fcos.stubFor(get(STABLE).willReturn(okJson(body)));

        UpstreamFormatException e = assertThrows(UpstreamFormatException.class, this::stableX86);

        assertTrue(e.getMessage().startsWith("commitmeta.json of stable 44.20260707.3.1 x86_64"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void checksTheStreamNameBeforeBuildingAUrl() {
        assertThrows(
                InvalidValueException.class,
                () -> source().kernel("../../x", Version.parse("44.20260707.3.1"), Arch.X86_64));
        fcos.verify(0, anyRequestedFor(anyUrl()));
    }
}
