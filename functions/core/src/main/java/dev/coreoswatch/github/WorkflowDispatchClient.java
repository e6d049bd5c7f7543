package dev.coreoswatch.github;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code POST /repos/{repo}/actions/workflows/{file}/dispatches} with {@code return_run_details}. */
public final class WorkflowDispatchClient {
    private final GitHubApi api;

    public WorkflowDispatchClient(GitHubApi api) {
        this.api = api;
    }

    public DispatchOutcome dispatch(String repository, String workflowFile, String ref, WorkflowInputs inputs) {
        String path = "/repos/" + repository + "/actions/workflows/"
                + URLEncoder.encode(workflowFile, StandardCharsets.UTF_8) + "/dispatches";
        String target = repository + " workflow " + workflowFile + " on " + ref;
        Http.Response response;
        try {
            response = api.exchange("POST", path, GitHubApi.ACCEPT_JSON, body(ref, inputs.asMap()));
        } catch (GitHubApiException e) {
            return e.ambiguous()
                    ? new DispatchOutcome.Ambiguous(
                            "dispatch of " + target + " got no answer (" + e.getMessage() + "); a run may have started")
                    : new DispatchOutcome.Definite(
                            0, "dispatch of " + target + " failed before reaching GitHub: " + e.getMessage());
        }
        if (response.status() == 204) {
            return new DispatchOutcome.Dispatched(null, null);
        }
        if (response.status() == 200) {
            return dispatched(response, repository);
        }
        GitHubApiException failure = api.failure(response);
        if (failure.ambiguous()) {
            return new DispatchOutcome.Ambiguous(
                    "dispatch of " + target + " answered " + response.status() + "; a run may have started");
        }
        String why = switch (response.status()) {
            case 404 ->
                "not found: check github.workflow.repository, github.workflow.file and that the token can see it";
            case 422 ->
                "rejected: the workflow must have a workflow_dispatch trigger with exactly these inputs and the ref must exist";
            default ->
                failure.rateLimited()
                        ? "rate limited beyond the wait budget; the next run will try again"
                        : failure.accessDenied()
                                ? "access denied: the token needs Actions: write on " + repository
                                : "unexpected answer";
        };
        return new DispatchOutcome.Definite(
                response.status(), "dispatch of " + target + " " + why + " (" + failure.getMessage() + ")");
    }

    private DispatchOutcome dispatched(Http.Response response, String repository) {
        try {
            JsonNode body = Json.parse(response.body(), "workflow dispatch answer");
            JsonNode id = body.get("workflow_run_id");
            Long runId = id != null && id.canConvertToLong() && id.isIntegralNumber() ? id.longValue() : null;
            String url = new RunUrl(api.apiUrl())
                    .accept(
                            repository,
                            runId,
                            Json.optionalText(body, "html_url").orElse(null))
                    .orElse(null);
            return new DispatchOutcome.Dispatched(runId, url);
        } catch (JsonFormatException e) {
            // The run was started: an unreadable detail does not undo that.
            return new DispatchOutcome.Dispatched(null, null);
        }
    }

    static byte[] body(String ref, Map<String, String> inputs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ref", ref);
            g.writeObjectFieldStart("inputs");
            for (Map.Entry<String, String> input : inputs.entrySet()) {
                g.writeStringField(input.getKey(), input.getValue());
            }
            g.writeEndObject();
            g.writeBooleanField("return_run_details", true);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
