package dev.coreoswatch.github;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The web address of a workflow run, accepted only in the shape GitHub gives it:
 * {@code https://<web host>/<owner>/<repo>/actions/runs/<id>}, for the configured repository (and
 * the run's id when known). The web host follows from the API URL: {@code api.github.com} serves
 * {@code github.com}, {@code api.<name>.ghe.com} serves {@code <name>.ghe.com}, and an Enterprise
 * Server's {@code https://host/api/v3} serves {@code https://host}. Anything else (escape
 * sequences, another host, an extra line) is dropped rather than printed, stored or notified.
 */
public final class RunUrl {
    private final String webBase;

    public RunUrl(URI apiUrl) {
        String host = apiUrl.getHost().toLowerCase(Locale.ROOT);
        String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath().replaceAll("/+$", "");
        String authority = apiUrl.getRawAuthority().toLowerCase(Locale.ROOT);
        if (host.equals("api.github.com")) {
            authority = "github.com";
        } else if (!path.endsWith("/api/v3") && host.startsWith("api.") && host.endsWith(".ghe.com")) {
            authority = authority.substring("api.".length());
        }
        this.webBase = apiUrl.getScheme().toLowerCase(Locale.ROOT) + "://" + authority;
    }

    /** The base run URLs of this GitHub start with, e.g. {@code https://github.com}. */
    public String webBase() {
        return webBase;
    }

    /** {@code candidate} when it is the URL of run {@code runId} (any run when null) of {@code repository}. */
    public Optional<String> accept(String repository, Long runId, String candidate) {
        if (candidate == null) {
            return Optional.empty();
        }
        String prefix = webBase + "/" + repository + "/actions/runs/";
        if (candidate.length() <= prefix.length() || !candidate.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String id = candidate.substring(prefix.length());
        if (!id.matches("[1-9][0-9]{0,18}")) {
            return Optional.empty();
        }
        try {
            long parsed = Long.parseLong(id);
            return runId == null || runId == parsed ? Optional.of(candidate) : Optional.empty();
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
