package dev.coreoswatch.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Run in a fresh JVM by {@link UrlConnectionHttpTest}: one POST through the door to the URL given, as a
 * function's first request would be, with nothing set beforehand. Prints the failure's kind and whether it
 * is ambiguous, or the status of an answer.
 */
public final class PostOnce {
    private PostOnce() {}

    public static void main(String[] args) {
        Http http = new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20));
        try {
            Http.Response response =
                    http.send(Http.Request.post(URI.create(args[0]), "{}".getBytes(StandardCharsets.UTF_8)));
            System.out.println("answered " + response.status());
        } catch (HttpFailure failure) {
            System.out.println(failure.kind() + " ambiguous=" + failure.ambiguous());
        }
    }
}
