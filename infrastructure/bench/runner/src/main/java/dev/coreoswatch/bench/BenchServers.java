package dev.coreoswatch.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the functions talk to during a benchmark run, on 127.0.0.1 and owned by the bench: one WireMock
 * for Fedora CoreOS metadata, GitHub and the AWS APIs (EventBridge, Secrets Manager, SNS, SSM), a real OCI registry
 * holding the target image, and dynalite for the DynamoDB ledger and notification state. The responses are the real shapes (the core's
 * upstream fixtures), so each function does its whole first invocation, not an early failure.
 */
final class BenchServers implements AutoCloseable {
    static final String TARGET_REPOSITORY = "acme/custom-coreos";
    static final String WORKFLOW_REPOSITORY = "acme/fcos-builds";
    static final String STREAM = "stable";
    static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-east-1:000000000000:secret:coreos-watch-bench-github-Ab12Cd";
    static final String CONFIG_PARAMETER = "/coreos-watch-bench/config";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:coreos-watch-bench-AlarmTopic";
    /** The stable stream fixture's release, on every arch. */
    static final String FCOS_RELEASE = "44.20260707.3.1";

    static final String ZFS_TAG = "zfs-2.4.4";

    private static final String AWS_JSON = "application/x-amz-json-1.1";
    private static final String WORKFLOW = "/repos/" + WORKFLOW_REPOSITORY + "/actions/workflows/build.yaml";

    private final WireMockServer http;
    private final LocalRegistry registry;
    private final Dynalite dynalite;
    private final AtomicInteger tables = new AtomicInteger();
    private final List<String> upstreamRequests = new CopyOnWriteArrayList<>();
    private volatile boolean recording;

    private BenchServers(WireMockServer http, LocalRegistry registry, Dynalite dynalite) {
        this.http = http;
        this.registry = registry;
        this.dynalite = dynalite;
    }

    /** Starts all three; whatever started is stopped again if a later one cannot start. */
    static BenchServers start() throws IOException {
        WireMockServer http = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .containerThreads(16));
        LocalRegistry registry = null;
        try {
            http.start();
            stubUpstreamAndGitHub(http);
            stubAws(http);
            registry = LocalRegistry.anonymous();
            registry.seed()
                    .image(
                            TARGET_REPOSITORY,
                            "next",
                            LocalRegistry.Layout.OCI_INDEX,
                            Map.of(
                                    Arch.X86_64, labels("45.20260820.1.0", "2.4.5", "7.2.1-100.fc45.x86_64"),
                                    Arch.AARCH64, labels("45.20260820.1.0", "2.4.5", "7.2.1-100.fc45.aarch64")))
                    .push();
            stubConfigParameter(http, registry.hostPort());
            Dynalite dynalite = Dynalite.start();
            BenchServers servers = new BenchServers(http, registry, dynalite);
            http.addMockServiceRequestListener((request, response) -> {
                if (servers.recording && !request.getUrl().equals("/")) {
                    boolean conditional =
                            request.containsHeader("If-None-Match") || request.containsHeader("If-Modified-Since");
                    servers.upstreamRequests.add(request.getMethod() + " " + request.getUrl()
                            + (conditional ? " conditional" : "") + " -> " + response.getStatus());
                }
            });
            return servers;
        } catch (IOException | RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            http.stop();
            throw e;
        }
    }

    private static Map<String, String> labels(String coreos, String zfs, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION, coreos, ImageLabels.ZFS_VERSION, zfs, ImageLabels.KERNEL_VERSION, kernel);
    }

    private static void stubUpstreamAndGitHub(WireMockServer http) {
        // The documents that change in place carry validators, as FCOS's CDN and GitHub send them: a warm run
        // revalidates.
        revalidated(http, "/streams/" + STREAM + ".json", fixture("fcos-stream-stable.json"), "\"bench-stream-etag\"");
        http.stubFor(get(urlEqualTo("/prod/streams/" + STREAM + "/builds/" + FCOS_RELEASE + "/x86_64/commitmeta.json"))
                .willReturn(okJson(fixture("commitmeta-44.20260707.3.1-x86_64.json"))));
        http.stubFor(get(urlEqualTo("/prod/streams/" + STREAM + "/builds/" + FCOS_RELEASE + "/aarch64/commitmeta.json"))
                .willReturn(okJson(fixture("commitmeta-45.20261103.2.1-aarch64-kernel-core-only.json"))));
        revalidated(
                http,
                "/repos/openzfs/zfs/releases?per_page=100",
                fixture("openzfs-releases-api-reconstructed.json"),
                "W/\"bench-releases-etag\"");
        http.stubFor(get(urlEqualTo("/repos/openzfs/zfs/contents/META?ref=" + ZFS_TAG))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.raw")
                        .withBody(fixture("openzfs-META-2.4.4.txt"))));
        http.stubFor(
                get(urlPathEqualTo(WORKFLOW + "/runs")).willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        http.stubFor(post(urlEqualTo(WORKFLOW + "/dispatches"))
                .willReturn(okJson("{\"workflow_run_id\":31337001,"
                        + "\"run_url\":\"https://api.github.com/repos/" + WORKFLOW_REPOSITORY
                        + "/actions/runs/31337001\","
                        + "\"html_url\":\"https://github.com/" + WORKFLOW_REPOSITORY + "/actions/runs/31337001\"}")));
    }

    /** {@code json} with an ETag, and 304 to a request that names it in If-None-Match. */
    private static void revalidated(WireMockServer http, String url, String json, String etag) {
        http.stubFor(get(urlEqualTo(url)).willReturn(okJson(json).withHeader("ETag", etag)));
        http.stubFor(get(urlEqualTo(url))
                .atPriority(1)
                .withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
    }

    /** From now on, every request to FCOS or GitHub (not the AWS APIs), until the next call. */
    void recordUpstream() {
        upstreamRequests.clear();
        recording = true;
    }

    /** What was recorded since {@link #recordUpstream()}, and stop recording. */
    List<String> upstreamRequests() {
        recording = false;
        return List.copyOf(upstreamRequests);
    }

    /**
     * Why the upstream requests of a warm run with nothing new are not what they should be, if they are not:
     * at least one request, each conditional and answered 304 (documents named by version are not asked again).
     */
    static Optional<String> notOnlyRevalidations(List<String> requests) {
        if (requests.isEmpty() || !requests.stream().allMatch(r -> r.endsWith(" conditional -> 304"))) {
            return Optional.of("upstream requests " + requests + "; expected only conditional ones answered 304");
        }
        return Optional.empty();
    }

    /** AWS JSON 1.1: one POST / per call, the operation in X-Amz-Target; SNS: the query protocol, answered in XML. */
    private static void stubAws(WireMockServer http) {
        http.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                + "<MessageId>3f1c5b7e-9a2d-4e8f-b6c1-0d2e4f6a8b9c</MessageId></PublishResult>"
                                + "<ResponseMetadata><RequestId>7e9a1c3b-5d7f-4a2c-8e0b-1f3d5a7c9e2b</RequestId>"
                                + "</ResponseMetadata></PublishResponse>")));
        http.stubFor(
                post(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", AWS_JSON)
                                        .withBody(
                                                "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\"}]}")));
        http.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", AWS_JSON)
                        .withBody("{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"coreos-watch-bench-github\","
                                + "\"SecretString\":\"github_pat_11BENCH0000000000000000_notARealToken\","
                                + "\"VersionId\":\"8a3e64c8-4d33-4b0e-9f4e-3c5c3f3b2d11\",\"VersionStages\":[\"AWSCURRENT\"],"
                                + "\"CreatedDate\":1.7881344E9}")));
    }

    /**
     * SSM's GetParameter answer with the configuration document the template writes (JSON, the template's
     * decision parameters): every deployed function reads it at each invocation, the first one included.
     */
    private static void stubConfigParameter(WireMockServer http, String registryHostPort) {
        String document =
                ("{\"target\": {\"image\": \"%s/%s\"}, \"coreos\": {\"streams\": \"%s\", \"architectures\": \"x86_64,aarch64\","
                                + " \"blocked-versions\": \"\"}, \"zfs\": {\"series\": \"\"}, \"github\": {\"workflow\": {\"repository\": \"%s\","
                                + " \"file\": \"build.yaml\", \"ref\": \"main\"}}, \"dispatch\": {\"dry-run\": \"false\", \"in-flight-window\": \"PT3H\"}}")
                        .formatted(registryHostPort, TARGET_REPOSITORY, STREAM, WORKFLOW_REPOSITORY);
        ObjectNode answer = Json.object();
        answer.putObject("Parameter")
                .put("Name", CONFIG_PARAMETER)
                .put("Type", "String")
                .put("Value", document)
                .put("Version", 1)
                .put("LastModifiedDate", 1.7881344E9)
                .put("ARN", "arn:aws:ssm:us-east-1:000000000000:parameter" + CONFIG_PARAMETER)
                .put("DataType", "text");
        http.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", AWS_JSON)
                        .withBody(answer.toString())));
    }

    /** The core's upstream fixtures, from its test jar. */
    private static String fixture(String name) {
        try (InputStream in = BenchServers.class.getResourceAsStream("/upstream/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "fixture upstream/" + name + " is not on the class path (core test jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What Lambda gives every function, whatever the template says: fake static credentials (Lambda's are
     * variables too), the SDK's own endpoint variables, and the upstream, GitHub and registry addresses that the
     * template leaves at their public defaults, pointed at these servers.
     */
    Map<String, String> baseEnvironment() {
        String base = http.baseUrl();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDCOREOSWATCHBENCH");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret-access-key-not-real");
        env.put("AWS_SESSION_TOKEN", "bench-session-token-not-real");
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", base);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", base);
        env.put("AWS_ENDPOINT_URL_SNS", base);
        env.put("AWS_ENDPOINT_URL_SSM", base);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        env.put("COREOS_METADATA_URL", base);
        env.put("GITHUB_API_URL", base);
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        return env;
    }

    /**
     * Values for the variables template.yaml sets from its parameters and resources; each function gets only the
     * ones its own template entry names (see {@link Cases}). LEDGER_TABLE is per run: {@link #newLedgerTable()}.
     */
    Map<String, String> templateValues() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EVENT_BUS_NAME", "coreos-watch-bench-events");
        env.put("CONFIG_PARAMETER", CONFIG_PARAMETER);
        env.put("GITHUB_TOKEN_SECRET_ARN", SECRET_ARN);
        env.put("NOTIFY_TOPIC_ARN", TOPIC_ARN);
        env.put("REGISTRY_CREDENTIALS_SECRET_ARN", ""); // the template's default: a public target, no registry secret
        return env;
    }

    /** A fresh, empty ledger table: every dispatcher run claims and dispatches, none finds an earlier claim. */
    String newLedgerTable() {
        String table = "bench-ledger-" + tables.incrementAndGet();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
        return table;
    }

    @Override
    public void close() {
        try {
            dynalite.close();
        } finally {
            try {
                registry.close();
            } finally {
                http.stop();
            }
        }
    }
}
