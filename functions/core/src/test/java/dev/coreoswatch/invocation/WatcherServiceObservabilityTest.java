package dev.coreoswatch.invocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.notify.NotificationStateTable;
import dev.coreoswatch.notify.Notifier;
import dev.coreoswatch.notify.SnsTopic;
import dev.coreoswatch.registry.GhcrStubs;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.SnsStub;
import dev.coreoswatch.testing.TestClock;
import dev.coreoswatch.upstream.Fixtures;
import dev.coreoswatch.upstream.LoopbackHttp;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher's metrics document and its hold notifications, against WireMock FCOS and GitHub
 * serving variants of the real samples: stable (44.20260707.3.1, kernel 6.19.14) fits zfs 2.4.6,
 * testing (45.20261020.2.0, kernel 7.3.1) is outside its Linux 4.18-7.2 until zfs 2.4.7 (7.3).
 */
class WatcherServiceObservabilityTest {
    private static final String TOKEN = "github_pat_CANARY0watcher0observability0token";
    private static final String TESTING = "45.20261020.2.0";
    private static final String TESTING_KERNEL = "7.3.1-100.fc45.x86_64";
    private static Dynalite dynalite;
    private static WireMockServer fcos;
    private static WireMockServer github;
    /** The target image's registry: a held stream is compared with the image first (one decision path). */
    @RegisterExtension
    static final RegistryExtension<GhcrStubs> GHCR = RegistryExtension.of(GhcrStubs::new);

    private static final GhcrStubs ghcr = GHCR.get();
    private static SnsStub sns;

    private String table;
    private final TestClock clock = new TestClock(Instant.parse("2026-10-23T18:30:00Z"));
    private final List<String> documents = Collections.synchronizedList(new ArrayList<>());
    private final List<BusEvent> published = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.start();
        fcos = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fcos.start();
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        sns = new SnsStub();
    }

    @AfterAll
    static void stop() {
        sns.close();
        github.stop();
        fcos.stop();
        dynalite.close();
    }

    @BeforeEach
    void fresh() {
        fcos.resetAll();
        github.resetAll();
        sns.reset();
        ghcr.reset();
        ghcr.requireBearer();
        ghcr.issueToken();
        ghcr.onRegistry(
                "/v2/" + GhcrStubs.REPO + "/manifests/testing",
                aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
        stream("stable", "44.20260707.3.1", "2026-07-21T14:07:12Z", "6.19.14", "200.fc44");
        stream("testing", TESTING, "2026-10-20T06:00:00Z", "7.3.1", "100.fc45");
        zfsReleases(Map.of("zfs-2.4.6", "7.2"));
    }

    /** Stream metadata and the x86_64 commitmeta of its release, made from the real samples. */
    private static void stream(String name, String release, String lastModified, String kernel, String kernelRelease) {
        ObjectNode metadata = Fixtures.object("fcos-stream-stable.json");
        metadata.put("stream", name);
        ((ObjectNode) metadata.get("metadata")).put("last-modified", lastModified);
        metadata.get("architectures")
                .forEach(arch -> ((ObjectNode) arch.get("artifacts").get("metal")).put("release", release));
        fcos.stubFor(get(urlEqualTo("/streams/" + name + ".json")).willReturn(okJson(Fixtures.json(metadata))));
        ObjectNode commitmeta = Fixtures.object("commitmeta-44.20260707.3.1-x86_64.json");
        commitmeta.put("version", release);
        commitmeta.put("fedora-coreos.stream", name);
        for (var pkg : (ArrayNode) commitmeta.get("rpmostree.rpmdb.pkglist")) {
            if (pkg.get(0).textValue().startsWith("kernel")) {
                ((ArrayNode) pkg).set(2, kernel);
                ((ArrayNode) pkg).set(3, kernelRelease);
            }
        }
        fcos.stubFor(get(urlEqualTo("/prod/streams/" + name + "/builds/" + release + "/x86_64/commitmeta.json"))
                .willReturn(okJson(Fixtures.json(commitmeta))));
    }

    /** Releases (tag -> Linux-Maximum) in the API's shape, each with its META. */
    private static void zfsReleases(Map<String, String> maximumByTag) {
        ObjectNode sample = null;
        for (JsonNode r : Json.parse(Fixtures.bytes("openzfs-releases-api-reconstructed.json"), "releases")) {
            if (r.get("tag_name").textValue().equals("zfs-2.4.4")) {
                sample = (ObjectNode) r;
            }
        }
        ArrayNode releases = JsonNodeFactory.instance.arrayNode();
        for (var entry : maximumByTag.entrySet()) {
            String tag = entry.getKey();
            ObjectNode release = sample.deepCopy();
            release.put("tag_name", tag)
                    .put("name", tag)
                    .put("html_url", "https://github.com/openzfs/zfs/releases/tag/" + tag);
            releases.add(release);
            String meta = Fixtures.text("openzfs-META-2.4.4.txt")
                    .replace("Version:       2.4.4", "Version:       " + tag.substring("zfs-".length()))
                    .replace("Linux-Maximum: 7.2", "Linux-Maximum: " + entry.getValue());
            github.stubFor(get(urlEqualTo("/repos/openzfs/zfs/contents/META?ref=" + tag))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/vnd.github.raw+json")
                            .withBody(meta)));
        }
        github.stubFor(get(urlEqualTo("/repos/openzfs/zfs/releases?per_page=100"))
                .willReturn(okJson(Fixtures.json(releases))));
    }

    private WatcherService service(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "coreos.streams",
                "stable,testing",
                "coreos.architectures",
                "x86_64",
                "coreos.metadata-url",
                fcos.baseUrl(),
                "github.api-url",
                github.baseUrl(),
                "github.token",
                TOKEN,
                "events.bus-name",
                "coreos-watch-events",
                "target.image",
                ghcr.registryHost() + "/" + GhcrStubs.REPO,
                "registry.plain-http",
                String.join(",", ghcr.plainHttpHosts())));
        keys.putAll(extra);
        WatchConfig config = WatchConfig.load(ConfigSource.of(keys));
        Notifier notifier = new Notifier(
                new NotificationStateTable(dynalite.client(), table, "ghcr.io/acme/custom-coreos"),
                new SnsTopic(sns.client(), SnsStub.TOPIC_ARN),
                clock);
        FunctionSetup setup = new FunctionSetup(
                        config, new Components(config, new LoopbackHttp().http, clock), () -> published::addAll)
                .withNotifier(notifier)
                .withMetricsOutput(documents::add);
        return new WatcherService(setup);
    }

    private WatcherService service() {
        return service(Map.of());
    }

    private JsonNode document(int index) {
        return Json.parse(documents.get(index).getBytes(StandardCharsets.UTF_8), "EMF document");
    }

    private static String type(List<BusEvent> events, String stream) {
        return events.stream()
                .filter(e -> e.observed().stream().equals(stream))
                .reduce((a, b) -> b)
                .orElseThrow()
                .type()
                .name();
    }

    @Test
    void aHeldStreamIsCountedAgedAndAnnouncedOnceWithTheRangeAndTheKernel() {
        JsonNode summary = Json.parse(service().handle(new byte[0]), "summary");

        assertEquals("BuildHeld", type(published, "testing"));
        assertEquals(1, documents.size());
        JsonNode doc = document(0);
        assertEquals("upstream-watcher", doc.get("Function").textValue());
        assertEquals(2, doc.get("StreamsChecked").intValue());
        assertEquals(1, doc.get("Held").intValue());
        assertEquals(0, doc.get("UpstreamErrors").intValue());
        assertEquals(1, doc.get("NotificationsSent").intValue());
        assertEquals(0, doc.get("NotifyErrors").intValue());
        assertEquals(
                84.5,
                doc.get("UnbuiltReleaseAgeHours").doubleValue(),
                0.0001,
                "2026-10-20T06:00Z to 2026-10-23T18:30Z");
        String correlationId = summary.get("correlationId").textValue();
        assertEquals(correlationId, doc.get("correlationId").textValue());
        assertTrue(published.stream().allMatch(e -> e.observed().correlationId().equals(correlationId)));

        SnsStub.Published held = sns.published().get(0);
        assertEquals("coreos-watch: testing held (coreos 45.20261020.2.0, zfs 2.4.6)", held.subject());
        assertEquals("""
                The testing stream of ghcr.io/acme/custom-coreos is held: coreos 45.20261020.2.0 with zfs 2.4.6 is not built.

                Why: kernel 7.3.1-100.fc45.x86_64 (x86_64) is outside Linux 4.18-7.2 supported by zfs 2.4.6 (META of zfs-2.4.6);\
                 waiting for a ZFS release that supports 7.3, rechecked every run
                Kernels: x86_64 7.3.1-100.fc45.x86_64

                The stream is rechecked every run. You get one message when the hold is lifted, not one per run.

                Correlation id: %s (in every log line of this run)
                """.formatted(correlationId), held.message());

        clock.advance(Duration.ofMinutes(30));
        service().handle(new byte[0]);

        assertEquals(1, sns.published().size(), "held twice: one message");
        assertEquals(0, document(1).get("NotificationsSent").intValue());
        assertEquals(1, document(1).get("Held").intValue());
        assertEquals(85.0, document(1).get("UnbuiltReleaseAgeHours").doubleValue(), 0.0001);
    }

    @Test
    void aZfsReleaseThatSupportsTheKernelReleasesTheHold() {
        service().handle(new byte[0]);
        clock.advance(Duration.ofDays(2));
        zfsReleases(Map.of("zfs-2.4.6", "7.2", "zfs-2.4.7", "7.3"));

        service().handle(new byte[0]);

        assertEquals("UpstreamObserved", type(published, "testing"));
        List<SnsStub.Published> messages = sns.published();
        assertEquals(2, messages.size());
        SnsStub.Published released = messages.get(1);
        assertEquals(
                "coreos-watch: testing released from hold (coreos 45.20261020.2.0, zfs 2.4.7)", released.subject());
        assertTrue(
                released.message()
                        .contains("Held since 2026-10-23T18:30:00Z (coreos 45.20261020.2.0, zfs 2.4.6): kernel "
                                + TESTING_KERNEL + " (x86_64) is outside Linux 4.18-7.2"),
                released.message());
        JsonNode doc = document(1);
        assertEquals(0, doc.get("Held").intValue());
        assertEquals(1, doc.get("NotificationsSent").intValue());
        assertFalse(doc.has("UnbuiltReleaseAgeHours"), "the watcher cannot know whether an unheld release is built");

        service().handle(new byte[0]);
        assertEquals(2, sns.published().size(), "released once");
    }

    @Test
    void aStreamThatCannotBeReadIsAnUpstreamErrorAndTheOthersStillCount() {
        fcos.stubFor(
                get(urlEqualTo("/streams/stable.json")).willReturn(aResponse().withStatus(503)));

        WatchFailedException e =
                assertThrows(WatchFailedException.class, () -> service().handle(new byte[0]));

        assertTrue(e.getMessage().contains("stable"), e.getMessage());
        JsonNode doc = document(0);
        assertEquals(2, doc.get("StreamsChecked").intValue());
        assertEquals(1, doc.get("UpstreamErrors").intValue());
        assertEquals(1, doc.get("Held").intValue());
        assertEquals(1, doc.get("NotificationsSent").intValue(), "the held stream is still announced");
    }

    @Test
    void withoutTheZfsReleasesNoStreamIsObserved() {
        github.stubFor(get(urlEqualTo("/repos/openzfs/zfs/releases?per_page=100"))
                .willReturn(aResponse().withStatus(500)));

        assertThrows(WatchFailedException.class, () -> service().handle(new byte[0]));

        JsonNode doc = document(0);
        assertEquals(2, doc.get("UpstreamErrors").intValue());
        assertEquals(0, doc.get("Held").intValue());
        assertEquals(List.of(), sns.published());
    }

    @Test
    void aManualDryRunCountsItsReportAndTellsNobody() {
        Map<String, String> withoutTarget = new HashMap<>();
        withoutTarget.put("target.image", "");
        service(withoutTarget).handle("{\"streams\":[\"stable\",\"testing\"]}".getBytes(StandardCharsets.UTF_8));

        JsonNode doc = document(0);
        assertEquals(2, doc.get("StreamsChecked").intValue());
        assertEquals(1, doc.get("Held").intValue());
        assertEquals(1, doc.get("RegistryErrors").intValue(), "stable cannot be decided without a target image");
        assertEquals(84.5, doc.get("UnbuiltReleaseAgeHours").doubleValue(), 0.0001);
        assertEquals(0, doc.get("NotificationsSent").intValue());
        assertEquals(List.of(), sns.published());
        assertEquals(List.of(), published);
    }

    @Test
    void aStreamAHoldWouldStopIsNotHeldWhenTheImageAlreadyCarriesIt() {
        ghcr.serve(
                "testing",
                Map.of(
                        Arch.X86_64,
                        Map.of(
                                ImageLabels.COREOS_VERSION,
                                TESTING,
                                ImageLabels.ZFS_VERSION,
                                "2.4.6",
                                ImageLabels.KERNEL_VERSION,
                                "7.3.1-100.fc45.x86_64")),
                false);

        service().handle(new byte[0]);

        assertEquals("UpstreamObserved", type(published, "testing"), "the inspector says SKIP, as check does");
        assertEquals(0, document(0).get("Held").intValue());
        assertEquals(List.of(), sns.published(), "no hold is announced for a combination the image carries");
    }

    @Test
    void theTokenReachesNoDocumentAndNoMessage() {
        service().handle(new byte[0]);

        assertFalse(String.join("\n", documents).contains(TOKEN));
        assertTrue(sns.published().stream()
                .noneMatch(p -> p.message().contains(TOKEN) || p.subject().contains(TOKEN)));
        assertTrue(
                github.getAllServeEvents().stream()
                        .allMatch(e -> ("token " + TOKEN).equals(e.getRequest().getHeader("Authorization"))
                                || ("Bearer " + TOKEN).equals(e.getRequest().getHeader("Authorization"))),
                "the canary was really used");
    }
}
