package dev.coreoswatch.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.http.UriPaths;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.model.SecretScrubber;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The low-level door to the GitHub REST API (api.github.com or an Enterprise Server base such as
 * {@code https://host/api/v3}). It adds GitHub's headers and the token, and it only ever sends
 * the token below the configured base: a {@code Link} next page or a redirect that leads to
 * another scheme, host, port or path is refused, not followed.
 *
 * <p>Reads use {@link #get} and {@link #getAllPages}, which accept only 2xx; {@link #getImmutable}
 * is a read of a document that never changes (a file at a release tag), which may be answered
 * from a cache without asking. Writes (the workflow
 * dispatch) use {@link #exchange}, which returns any status and lets the caller decide, and
 * {@link #failure} to turn an unwanted answer into the same typed exception.
 */
public final class GitHubApi {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubApi.class);

    public static final String ACCEPT_JSON = "application/vnd.github+json";
    public static final String ACCEPT_RAW = "application/vnd.github.raw+json";
    public static final String API_VERSION = "2022-11-28";
    /** 20 pages of 100 is far beyond any list we read; more means a loop or a wrong URL. */
    public static final int MAX_PAGES = 20;

    private static final int MAX_REDIRECTS = 3;
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*\"?([^\";]*)\"?");

    private final Http http;
    private final Http immutableReads;
    private final URI apiUrl;
    private final String basePath;
    private final Supplier<Optional<Secret>> token;
    private final boolean tokenMayGo;
    /** Every token this door has put into a header (a rotated one included): what a server could echo. */
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    /**
     * @param token asked once per request, so a rotating installation token can be renewed; every
     *              value sent is remembered and scrubbed from error messages.
     */
    public GitHubApi(Http http, URI apiUrl, Supplier<Optional<Secret>> token) {
        this(http, http, apiUrl, token);
    }

    /**
     * @param http           every request (Components gives it a revalidating cache: each read is conditional)
     * @param immutableReads the reads of {@link #getImmutable} (Components gives it a cache that answers without asking)
     */
    public GitHubApi(Http http, Http immutableReads, URI apiUrl, Supplier<Optional<Secret>> token) {
        this(http, immutableReads, apiUrl, token, Set.of());
    }

    /** @param plainHttpHosts {@code host:port}s besides loopback that may get the token over plain http ({@code registry.plain-http}) */
    public GitHubApi(
            Http http, Http immutableReads, URI apiUrl, Supplier<Optional<Secret>> token, Set<String> plainHttpHosts) {
        if (http == null || immutableReads == null || apiUrl == null || token == null) {
            throw new IllegalArgumentException("http, apiUrl and token supplier are required");
        }
        String scheme = apiUrl.getScheme() == null ? "" : apiUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || apiUrl.getHost() == null
                || apiUrl.getRawUserInfo() != null
                || apiUrl.getRawQuery() != null
                || apiUrl.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "GitHub API URL must be http(s) with a host and without user info, query or fragment");
        }
        String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        this.http = http;
        this.immutableReads = immutableReads;
        this.basePath = path;
        this.apiUrl = URI.create(scheme + "://" + apiUrl.getRawAuthority() + path);
        this.token = token;
        this.tokenMayGo = CleartextRule.mayCarryCredentials(this.apiUrl, plainHttpHosts);
    }

    public URI apiUrl() {
        return apiUrl;
    }

    /** The absolute URL of {@code /repos/o/r/releases?per_page=100} under the base (its path is kept). */
    public URI uri(String pathAndQuery) {
        if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("GitHub API path must start with /");
        }
        URI target = UriPaths.join(apiUrl, pathAndQuery);
        if (!underBase(target)) {
            throw new IllegalArgumentException(
                    "GitHub API path " + Printable.quote(pathAndQuery) + " leaves the API base");
        }
        return target;
    }

    /** GET one resource as {@code application/vnd.github+json}; anything but 2xx throws. */
    public Http.Response get(String pathAndQuery) {
        return get(pathAndQuery, ACCEPT_JSON);
    }

    /** GET one resource with another media type (e.g. {@link #ACCEPT_RAW}); anything but 2xx throws. */
    public Http.Response get(String pathAndQuery, String accept) {
        return getChecked(http, uri(pathAndQuery), accept);
    }

    /** As {@link #get}, for a resource that never changes (a file at a release tag): it may come from a cache. */
    public Http.Response getImmutable(String pathAndQuery, String accept) {
        return getChecked(immutableReads, uri(pathAndQuery), accept);
    }

    /**
     * GET a list and every further page its {@code Link: <...>; rel="next"} names, in order. Pages
     * are returned whole (arrays or objects alike); callers parse them.
     */
    public List<Http.Response> getAllPages(String pathAndQuery) {
        URI first = uri(pathAndQuery);
        List<Http.Response> pages = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        URI next = first;
        while (next != null) {
            if (pages.size() == MAX_PAGES) {
                throw refused(first + " has more than " + MAX_PAGES + " pages; stopped reading");
            }
            if (!seen.add(next.normalize())) {
                throw refused(first + ": page " + (pages.size() + 1) + " links back to a page already read");
            }
            Http.Response page = getChecked(http, next, ACCEPT_JSON);
            pages.add(page);
            next = nextPage(page).orElse(null);
        }
        LOG.debug("{}: {} page(s)", first, pages.size());
        return pages;
    }

    /**
     * Sends one request with GitHub's headers and returns whatever status came back (redirects
     * included, unfollowed). A body goes out as {@code application/json}. No answer at all throws
     * a {@link GitHubApiException} of kind NO_RESPONSE whose {@link GitHubApiException#ambiguous()}
     * says whether the server may have acted.
     */
    public Http.Response exchange(String method, String pathAndQuery, String accept, byte[] body) {
        return sendRenewing(http, method, uri(pathAndQuery), accept, body);
    }

    /** The typed exception for an answer the caller does not accept. */
    public GitHubApiException failure(Http.Response response) {
        Optional<String> message = githubMessage(response);
        GitHubRateLimit limit = GitHubRateLimit.of(response);
        StringBuilder text = new StringBuilder("GitHub API ")
                .append(response.uri())
                .append(" answered ")
                .append(response.status());
        message.ifPresent(m -> text.append(": ").append(m));
        String facts = limit.describe();
        if (!facts.isEmpty()) {
            text.append(" (").append(facts).append(')');
        }
        if (response.status() == 401) {
            text.append("; check the GitHub token");
        }
        return new GitHubApiException(
                GitHubApiException.Kind.STATUS,
                scrub(text.toString()),
                response.status(),
                message,
                limit,
                Optional.empty());
    }

    private Http.Response getChecked(Http via, URI target, String accept) {
        URI current = target;
        for (int hop = 0; ; hop++) {
            Http.Response response = sendRenewing(via, "GET", current, accept, null);
            if (response.ok()) {
                return response;
            }
            if (!response.redirect()) {
                throw failure(response);
            }
            // GitHub answers 301 for a renamed repository; following it is fine while it stays below the base.
            URI location = response.header("location")
                    .map(l -> resolve(response.uri(), l, "redirect"))
                    .orElseThrow(() -> failure(response));
            if (!underBase(location)) {
                throw refused(current + " redirects to " + describeTarget(location) + ", outside the GitHub API base "
                        + apiUrl + "; not followed so the token stays there");
            }
            if (hop == MAX_REDIRECTS) {
                throw refused(target + " redirects more than " + MAX_REDIRECTS + " times");
            }
            current = location;
        }
    }

    /**
     * Sends once; a 401 to a token that its source can read again (a secret rotated under a warm
     * function) is sent once more with the new token. A 401 means GitHub did nothing, so a repeated
     * dispatch cannot start a second run.
     */
    private Http.Response sendRenewing(Http via, String method, URI target, String accept, byte[] body) {
        Map<String, String> headers = headers(accept, body != null);
        Http.Response response = send(via, new Http.Request(method, target, headers, body));
        String authorization = headers.get("Authorization");
        if (response.status() == 401
                && authorization != null
                && token instanceof RenewableToken renewable
                && renewable.renewAfter(authorization.substring("Bearer ".length()))) {
            LOG.info("GitHub refused the token (401); read it again and retrying once");
            response = send(via, new Http.Request(method, target, headers(accept, body != null), body));
        }
        return response;
    }

    private Http.Response send(Http via, Http.Request request) {
        try {
            return via.send(request);
        } catch (HttpFailure failure) {
            throw new GitHubApiException(
                    GitHubApiException.Kind.NO_RESPONSE,
                    scrub("GitHub API gave no answer: " + failure.getMessage()),
                    0,
                    Optional.empty(),
                    GitHubRateLimit.NONE,
                    Optional.of(failure.kind()));
        }
    }

    private Map<String, String> headers(String accept, boolean withBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept == null ? ACCEPT_JSON : accept);
        headers.put("X-GitHub-Api-Version", API_VERSION);
        if (withBody) {
            headers.put("Content-Type", "application/json");
        }
        Optional<Secret> secret = token.get();
        if (secret.isPresent()) {
            if (!tokenMayGo) {
                throw refused("GitHub API " + apiUrl + " is plain http to a host that is neither loopback nor listed in"
                        + " registry.plain-http; the token is not sent in clear text");
            }
            if (!Secret.isHeaderSafe(secret.get().value())) {
                // Checked here, before any header is built: the HTTP client's own message would quote it.
                throw refused(
                        "the GitHub token holds a character that cannot go into an HTTP header (value not shown); not sent");
            }
            sent.add(secret.get().value());
            headers.put("Authorization", "Bearer " + secret.get().value());
        }
        return headers;
    }

    private Optional<URI> nextPage(Http.Response page) {
        for (String header : page.headers("link")) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                if (rel.find()
                        && List.of(rel.group(1).strip().toLowerCase(Locale.ROOT).split("\\s+"))
                                .contains("next")) {
                    URI next = resolve(page.uri(), link.group(1).strip(), "Link next");
                    if (!underBase(next)) {
                        throw refused(page.uri() + " names its next page at " + describeTarget(next)
                                + ", outside the GitHub API base " + apiUrl
                                + "; not followed so the token stays there");
                    }
                    return Optional.of(next);
                }
            }
        }
        return Optional.empty();
    }

    private URI resolve(URI current, String target, String what) {
        try {
            return current.resolve(new URI(target));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused(current + ": " + what + " target " + Printable.quote(target) + " is not a URL");
        }
    }

    /** Same scheme, host and port as the base and a path at or below the base path, with no dot segments. */
    private boolean underBase(URI target) {
        if (target.getScheme() == null
                || target.getHost() == null
                || target.getRawUserInfo() != null
                || !target.getScheme().equalsIgnoreCase(apiUrl.getScheme())
                || !target.getHost().equalsIgnoreCase(apiUrl.getHost())
                || port(target) != port(apiUrl)) {
            return false;
        }
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        // Dot segments (plain or encoded) could climb out of /api/v3 once the server decodes them.
        if (path.contains("/../")
                || path.endsWith("/..")
                || path.contains("/./")
                || path.toLowerCase(Locale.ROOT).contains("%2e")) {
            return false;
        }
        return basePath.isEmpty()
                ? path.isEmpty() || path.startsWith("/")
                : path.equals(basePath) || path.startsWith(basePath + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Where a refused link pointed, without its query (which could carry anything). */
    private static String describeTarget(URI target) {
        return Printable.quote(target.getScheme() + "://" + target.getRawAuthority()
                + (target.getRawPath() == null ? "" : target.getRawPath()));
    }

    private GitHubApiException refused(String message) {
        return new GitHubApiException(
                GitHubApiException.Kind.REFUSED,
                scrub(message),
                0,
                Optional.empty(),
                GitHubRateLimit.NONE,
                Optional.empty());
    }

    /** GitHub's {@code message}, or the start of a body that is not GitHub's JSON; scrubbed before it is cut. */
    private Optional<String> githubMessage(Http.Response response) {
        if (response.body() == null || response.body().length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.parse(response.body(), "GitHub error");
            return Json.optionalText(root, "message").map(m -> Printable.excerpt(scrub(m), 160));
        } catch (JsonFormatException notJson) {
            return Optional.of(Printable.excerpt(scrub(response.text()), 80));
        }
    }

    /** A server that echoes our request must not carry the token into a message. */
    private String scrub(String message) {
        return SecretScrubber.scrub(message, sent);
    }
}
