package dev.coreoswatch.registry;

import dev.coreoswatch.model.Printable;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which scheme a host is spoken to: https, unless its {@code host:port} is listed in
 * {@code registry.plain-http}. The same rule covers registries, token realms and redirect
 * targets, so credentials never travel in clear text to a host nobody listed.
 */
final class Schemes {
    private final Set<String> plainHttpHosts;

    Schemes(Set<String> plainHttpHosts) {
        this.plainHttpHosts = plainHttpHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** {@code http://host:port} or {@code https://host:port} for a registry's API host. */
    URI origin(String hostPort) {
        String scheme = plainHttpHosts.contains(hostPort.toLowerCase(Locale.ROOT)) ? "http" : "https";
        return URI.create(scheme + "://" + hostPort);
    }

    boolean allows(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        return scheme.equals("https") || (scheme.equals("http") && plainHttpHosts.contains(hostPort(uri)));
    }

    /** {@code host} or {@code host:port} as a user would list it. */
    static String hostPort(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    /** Same scheme, host and effective port: the only case where Authorization may follow a redirect. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && b.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && b.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A URI for messages: scheme, host, port and path; the query may carry a signature. */
    static String forMessage(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + hostPort(uri) + Printable.excerpt(path, 120);
    }
}
