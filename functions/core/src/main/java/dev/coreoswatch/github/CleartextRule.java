package dev.coreoswatch.github;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a credential may travel over plain http: to a loopback address (a test stand-in or a local
 * proxy; the bytes never leave the machine) or to a {@code host:port} the operator listed in
 * {@code registry.plain-http}. Everything else needs https. Decided from the URL alone, without a
 * DNS lookup that a hostile resolver could answer.
 */
public final class CleartextRule {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

    private CleartextRule() {}

    public static boolean mayCarryCredentials(URI uri, Set<String> plainHttpHosts) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        if (!scheme.equals("http") || uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String hostPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        return isLoopback(host)
                || plainHttpHosts.stream().anyMatch(h -> h.strip().equalsIgnoreCase(hostPort));
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost")
                || IPV4_LOOPBACK.matcher(host).matches()
                || host.equals("[::1]")
                || host.equals("::1");
    }
}
