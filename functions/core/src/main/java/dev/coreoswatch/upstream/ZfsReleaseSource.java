package dev.coreoswatch.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.github.GitHubApi;
import dev.coreoswatch.github.GitHubApiException;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.model.ZfsRelease;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenZFS releases and the kernel range of each, read through the GitHub API. Which release to
 * build is decided elsewhere; this class only lists and reads.
 *
 * <p>Tags: {@code zfs-X.Y.Z} (three or four numbers) is a release of version X.Y.Z;
 * {@code zfs-X.Y.Z-rcN} is a release candidate, reported with version X.Y.Z and always as a
 * prerelease whatever its flag says. {@code .99} development markers are kept as listed: the
 * choosing policy drops them. Any other tag (a fork's {@code v1}, a hostile
 * {@code zfs-2.4.4;rm -rf /}) is skipped with a warning: it never becomes a version, and one odd
 * release in the list does not stop the stream.
 */
public final class ZfsReleaseSource {
    private static final Logger LOG = LoggerFactory.getLogger(ZfsReleaseSource.class);
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    private static final Pattern TAG = Pattern.compile("zfs-([0-9]{1,6}(?:\\.[0-9]{1,6}){2,3})(-rc[0-9]{1,3})?");

    private final GitHubApi api;
    private final String repository;

    public ZfsReleaseSource(GitHubApi api, String repository) {
        if (repository == null || !REPOSITORY.matcher(repository).matches() || repository.contains("..")) {
            throw new InvalidValueException("repository", repository);
        }
        this.api = api;
        this.repository = repository;
    }

    /** Every release of the repository (all pages), in the API's order, without tags that are not ZFS releases. */
    public List<ZfsRelease> releases() {
        String what = "releases of " + repository;
        List<Http.Response> pages;
        try {
            pages = api.getAllPages("/repos/" + repository + "/releases?per_page=100");
        } catch (GitHubApiException e) {
            throw UpstreamHttp.fromGitHub(e, what);
        }
        List<ZfsRelease> releases = new ArrayList<>();
        Set<String> tags = new HashSet<>();
        for (int p = 0; p < pages.size(); p++) {
            String page = what + " (page " + (p + 1) + ")";
            JsonNode list;
            try {
                list = Json.parse(pages.get(p).body(), page);
            } catch (JsonFormatException e) {
                throw new UpstreamFormatException(e.getMessage());
            }
            if (!list.isArray()) {
                throw new UpstreamFormatException(page + " is not a JSON array");
            }
            for (int i = 0; i < list.size(); i++) {
                // A release published while we page shifts the list: the same tag may come twice.
                release(list.get(i), page + " entry " + i)
                        .filter(r -> tags.add(r.tag()))
                        .ifPresent(releases::add);
            }
        }
        return releases;
    }

    /**
     * {@code Linux-Minimum}..{@code Linux-Maximum} from {@code META} at the release's tag.
     *
     * @throws UpstreamNotFoundException when the tag or its META does not exist
     * @throws UpstreamFormatException when META lacks the range (old tags) or belongs to another version
     */
    public LinuxRange linuxRange(ZfsRelease release) {
        Matcher tag = TAG.matcher(release.tag());
        if (!tag.matches()) {
            throw new UpstreamFormatException("tag " + Printable.quote(release.tag()) + " is not a ZFS release tag");
        }
        String what = "META of " + repository + " at " + release.tag();
        Http.Response response;
        try {
            // A release tag does not move: META at it is read once and then kept.
            response = api.getImmutable(
                    "/repos/" + repository + "/contents/META?ref="
                            + URLEncoder.encode(release.tag(), StandardCharsets.UTF_8),
                    GitHubApi.ACCEPT_RAW);
        } catch (GitHubApiException e) {
            throw UpstreamHttp.fromGitHub(e, what);
        }
        MetaFile meta = MetaFile.parse(metaText(response, what), what);
        Optional<String> version = meta.version();
        if (version.isPresent() && !version.get().equals(tag.group(1))) {
            throw new UpstreamFormatException(what + " says Version " + Printable.quote(version.get()));
        }
        return meta.linuxRange(what);
    }

    /**
     * We ask for the raw file, but a proxy or an older server may still send the contents JSON
     * ({@code encoding: base64}, lines broken every 60 characters). META never starts with
     * "{" or "[", so the body's first character tells the shapes apart.
     */
    private static String metaText(Http.Response response, String what) {
        String text = response.text();
        if (text.stripLeading().startsWith("[")) {
            throw new UpstreamFormatException(what + " is a directory listing, not a file");
        }
        if (!text.stripLeading().startsWith("{")) {
            return text;
        }
        JsonNode root;
        try {
            root = Json.parse(response.body(), what);
        } catch (JsonFormatException e) {
            throw new UpstreamFormatException(e.getMessage());
        }
        Optional<String> type = Json.optionalText(root, "type");
        if (type.isPresent() && !type.get().equals("file")) {
            throw new UpstreamFormatException(what + " is a " + Printable.quote(type.get()) + ", not a file");
        }
        String encoding = Json.optionalText(root, "encoding").orElse("");
        if (!encoding.equals("base64")) {
            throw new UpstreamFormatException(
                    what + " came with encoding " + Printable.quote(encoding) + ", not base64");
        }
        String content = Json.optionalText(root, "content")
                .orElseThrow(() -> new UpstreamFormatException(what + " has no content"));
        try {
            return new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UpstreamFormatException(what + ": content is not base64");
        }
    }

    private static Optional<ZfsRelease> release(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new UpstreamFormatException(where + " is not an object");
        }
        String tagName;
        boolean draft;
        boolean prerelease;
        try {
            tagName = Json.text(entry, "tag_name", where);
            draft = Json.flag(entry, "draft", where);
            prerelease = Json.flag(entry, "prerelease", where);
        } catch (JsonFormatException e) {
            throw new UpstreamFormatException(e.getMessage());
        }
        Matcher tag = TAG.matcher(tagName);
        if (!tag.matches()) {
            LOG.warn("{}: skipping tag {}, which is not a ZFS release tag", where, Printable.quote(tagName));
            return Optional.empty();
        }
        return Optional.of(new ZfsRelease(
                tagName, Version.parse(tag.group(1)), draft, prerelease || tag.group(2) != null, publishedAt(entry)));
    }

    /** Drafts have none; an unreadable time is absent rather than fatal, as nothing decides on it alone. */
    private static Optional<Instant> publishedAt(JsonNode entry) {
        return Json.optionalText(entry, "published_at").flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        });
    }
}
