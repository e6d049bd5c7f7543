package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.coreoswatch.testing.LocalRegistry;
import java.util.List;

/**
 * A WireMock that the command line takes for a registry (it is listed in REGISTRY_PLAIN_HTTP):
 * it passes every request through to a real {@link LocalRegistry}, except the ones a test has
 * told it to answer itself (a 500 for one tag). Its journal counts the registry requests.
 */
final class RegistryProxy implements AutoCloseable {
    private final WireMockServer server;

    private RegistryProxy(WireMockServer server) {
        this.server = server;
    }

    static RegistryProxy inFrontOf(LocalRegistry registry) {
        WireMockServer server =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(
                any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://" + registry.hostPort())));
        return new RegistryProxy(server);
    }

    /** {@code 127.0.0.1:<port>}: the registry part of image references, and a REGISTRY_PLAIN_HTTP entry. */
    String hostPort() {
        return "127.0.0.1:" + server.port();
    }

    /** Answers GET and HEAD of {@code /v2/<repository>/manifests/<reference>} itself. */
    void answerManifest(String repository, String reference, ResponseDefinitionBuilder answer) {
        server.stubFor(any(urlEqualTo("/v2/" + repository + "/manifests/" + reference))
                .atPriority(1)
                .willReturn(answer));
    }

    List<ServeEvent> requests() {
        return server.getAllServeEvents();
    }

    void resetRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }
}
