package dev.coreoswatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code coreos-watch/<version>}: what every request of the door says it is; the version comes from the build. */
public final class UserAgent {
    public static final String VALUE = "coreos-watch/" + version();

    private UserAgent() {}

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                // Unfiltered (a build that skipped the resource step) or odd: still a valid header value.
                if (version.matches("[0-9A-Za-z.+_-]{1,40}")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through: a request without a version is better than none
        }
        return "unknown";
    }
}
