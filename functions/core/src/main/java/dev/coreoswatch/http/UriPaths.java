package dev.coreoswatch.http;

import java.net.URI;

/**
 * Appends a path to a configured base URL. {@link URI#resolve} would drop the base's last
 * segment ({@code https://host/api/v3} + {@code /repos} gives {@code https://host/repos}), so
 * the base's raw path is kept and exactly one slash joins the two.
 */
public final class UriPaths {
    private UriPaths() {}

    /** {@code path} starts with {@code /} and may carry a query; it is appended verbatim (already encoded). */
    public static URI join(URI base, String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("path must start with a single /");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("base URL must not carry a query or fragment");
        }
        String raw = base.toString();
        int end = raw.length();
        while (end > 0 && raw.charAt(end - 1) == '/') {
            end--;
        }
        return URI.create(raw.substring(0, end) + path);
    }
}
