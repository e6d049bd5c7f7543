package dev.coreoswatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Printable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * An AWS service in the JSON 1.1 protocol reached with signed POSTs over the shared SDK HTTP client, without
 * the service's SDK module (each module is megabytes of a function's jar, a client build and, at its first call,
 * dozens of model classes at cold start): {@code POST /}, {@code X-Amz-Target: <prefix>.<Operation>}, a JSON body,
 * SigV4 with the default credentials (a session token is signed and sent). Throttling, 5xx answers and unreachable
 * endpoints are retried a few times with a growing pause, as the service's {@link Service#retries()} allows.
 */
public final class AwsJsonClient {
    /**
     * One service as this project calls it: {@code name} in messages ({@code SSM}), {@code signingName} for SigV4
     * ({@code ssm}), the largest answer read, whether a repeat is allowed, and whether its answers carry secrets
     * (then a malformed answer is never quoted).
     */
    public record Service(String name, String signingName, int maxAnswerBytes, Retries retries, boolean secretAnswers) {
        /** GetParameter: a value is at most 8 KB, no answer comes near 64 KiB. */
        public static final Service SSM = new Service("SSM", "ssm", 64 * 1024, Retries.READS, false);

        /**
         * GetSecretValue: a secret is up to 65,536 bytes, and JSON may write each byte as a six-character escape
         * (a control character as backslash, u and four hex digits); the rest of the answer (ARN, name, version) is
         * well under 4 KiB.
         */
        public static final Service SECRETS_MANAGER =
                new Service("Secrets Manager", "secretsmanager", 6 * 65_536 + 4096, Retries.READS, true);

        /** PutEvents: at most ten result entries (an event id or an error code and message each). */
        public static final Service EVENTBRIDGE =
                new Service("EventBridge", "events", 64 * 1024, Retries.AT_LEAST_ONCE_WRITES, false);
    }

    /**
     * How often a call is made when throttled, answered 5xx or not answered: chosen per service, since a write
     * that got no answer may have landed and a repeat then lands it twice.
     */
    public enum Retries {
        /** Reads: repeating one changes nothing. */
        READS(3),
        /**
         * Writes whose receivers are idempotent: a repeat may deliver twice. The same three attempts as the SDK's
         * standard retry strategy, which the SDK clients used before.
         */
        AT_LEAST_ONCE_WRITES(3);

        private final int attempts;

        Retries(int attempts) {
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Set<String> THROTTLING = Set.of(
            "ThrottlingException",
            "Throttling",
            "ThrottledException",
            "TooManyRequestsException",
            "RequestLimitExceeded");
    private static final int MAX_MESSAGE = 200;

    /** Waits between two attempts; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    public static final Pause SLEEP = duration -> Thread.sleep(duration);

    private final Service service;
    private final SignedPost post;
    private final Pause pause;

    public AwsJsonClient(
            Service service,
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Region region,
            URI endpoint,
            Clock clock,
            Pause pause) {
        this.service = service;
        this.post = new SignedPost(service.signingName(), http, credentials, region, endpoint, clock);
        this.pause = pause;
    }

    /** Calls {@code target} ({@code AmazonSSM.GetParameter}) with {@code request}; the 2xx answer's JSON. */
    public JsonNode call(String target, JsonNode request) {
        byte[] body = Json.bytes(request);
        String operation = service.name() + " " + target.substring(target.indexOf('.') + 1);
        return Attempts.run(
                service.retries().attempts(), pause, AwsJsonClient::retryable, () -> attempt(target, body, operation));
    }

    private JsonNode attempt(String target, byte[] body, String operation) {
        SignedPost.Answer answer = post.send(
                operation,
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target),
                body,
                service.maxAnswerBytes());
        int status = answer.status();
        if (status / 100 == 2) {
            try {
                return Json.parse(answer.body(), operation + "'s answer");
            } catch (JsonFormatException e) {
                // The parser's message quotes the answer's start, which may be the secret itself.
                throw new AwsCallException(
                        null,
                        status,
                        service.secretAnswers()
                                ? operation + "'s answer is not valid JSON (not shown: it may hold a secret)"
                                : e.getMessage());
            }
        }
        throw error(status, answer.body(), operation, answer.identity());
    }

    /** AWS JSON errors: {@code {"__type": "[namespace#]Code", "message": ...}}, the code also in {@code x-amzn-ErrorType}. */
    private static AwsCallException error(
            int status, byte[] answer, String operation, AwsCredentialsIdentity identity) {
        String code = null;
        String message = null;
        try {
            JsonNode json = Json.parse(answer, "error");
            String type = json.path("__type").asText(json.path("code").asText(""));
            code = type.isEmpty() ? null : type.substring(type.lastIndexOf('#') + 1);
            message = json.path("message").asText(json.path("Message").asText(null));
        } catch (JsonFormatException e) {
            // A proxy's or load balancer's page, not the service: the status says enough.
        }
        StringBuilder out = new StringBuilder(operation)
                .append(" failed: ")
                .append(code == null ? "HTTP " + status : code + " (HTTP " + status + ")");
        if (message != null && !message.isBlank()) {
            out.append(": ").append(scrub(message, identity));
        }
        return new AwsCallException(code, status, out.toString());
    }

    /**
     * The first line of a service's or transport's message, cut short, with the credentials removed: a
     * {@code SignatureDoesNotMatch} answer quotes the canonical request, session token included, on later lines.
     */
    static String scrub(String message, AwsCredentialsIdentity identity) {
        if (message == null) {
            return "no message";
        }
        String line = message;
        List<String> secrets = new ArrayList<>(List.of(identity.secretAccessKey()));
        if (identity instanceof AwsSessionCredentialsIdentity session) {
            secrets.add(session.sessionToken());
        }
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                line = line.replace(secret, "[redacted]");
            }
        }
        int newline = line.indexOf('\n');
        return Printable.excerpt(newline < 0 ? line : line.substring(0, newline), MAX_MESSAGE);
    }

    private static boolean retryable(AwsCallException e) {
        return e.status() == 0 && e.code().isEmpty()
                || e.status() >= 500
                || e.status() == 429
                || e.code().filter(THROTTLING::contains).isPresent();
    }
}
