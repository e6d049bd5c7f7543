package dev.coreoswatch.upstream;

import dev.coreoswatch.github.GitHubApiException;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** How the upstream readers turn HTTP outcomes into their three exceptions. */
final class UpstreamHttp {
    /**
     * S3's answer for a missing object when listing is not allowed: {@code 403} with
     * {@code <Error><Code>AccessDenied</Code>...}. builds.coreos.fedoraproject.org is such a bucket.
     */
    private static final Pattern S3_ACCESS_DENIED =
            Pattern.compile("\\A\\s*(<\\?xml[^>]{0,200}\\?>\\s*)?<Error>\\s*<Code>AccessDenied</Code>");

    private UpstreamHttp() {}

    /**
     * GET a public metadata document. 2xx gives the body; 404, and S3's 403 {@code AccessDenied}
     * for a missing object, give empty; every other status (another 401/403 included) and a
     * missing answer (after the retry policy) is "unavailable", never "absent".
     */
    static Optional<byte[]> fetch(Http http, URI uri, String what) {
        Http.Response response;
        try {
            response = http.send(Http.Request.get(uri).header("Accept", "application/json"));
        } catch (HttpFailure failure) {
            throw new UpstreamUnavailableException(
                    what + " at " + uri + " could not be read: " + failure.getMessage(), failure);
        }
        if (response.ok()) {
            return Optional.of(response.body() == null ? new byte[0] : response.body());
        }
        if (response.status() == 404 || isS3Missing(response)) {
            return Optional.empty();
        }
        throw new UpstreamUnavailableException(
                what + " at " + uri + " answered HTTP " + response.status() + hint(response.status()), null);
    }

    private static boolean isS3Missing(Http.Response response) {
        if (response.status() != 403 || response.body() == null) {
            return false;
        }
        String body = new String(response.body(), 0, Math.min(response.body().length, 4_096), StandardCharsets.UTF_8);
        return S3_ACCESS_DENIED.matcher(body).lookingAt();
    }

    private static String hint(int status) {
        if (status == 401 || status == 403) {
            return " (access refused; a public document should not need credentials)";
        }
        if (status == 429) {
            return " (rate limited)";
        }
        if (status >= 300 && status < 400) {
            return " (redirects are not followed)";
        }
        return "";
    }

    /** A GitHub failure in upstream terms: 404 is "not found", a refused link is a format fault, the rest is unavailable. */
    static UpstreamException fromGitHub(GitHubApiException e, String what) {
        String message = what + ": " + e.getMessage();
        if (e.notFound()) {
            return new UpstreamNotFoundException(message);
        }
        if (e.kind() == GitHubApiException.Kind.REFUSED) {
            return new UpstreamFormatException(message);
        }
        return new UpstreamUnavailableException(message, e);
    }
}
