package dev.coreoswatch.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads runs of the build workflow: one by id, or the newest whose {@code display_title} (set by
 * the workflow's {@code run-name}) names a combination. Runs do not expose their inputs.
 */
public final class WorkflowRuns {
    /** Runs are listed newest first; a build of interest is among the latest few dozen. */
    static final int PAGE_SIZE = 50;

    private final GitHubApi api;

    public WorkflowRuns(GitHubApi api) {
        this.api = api;
    }

    public WorkflowRun get(String repository, long runId) {
        JsonNode run = Json.parse(api.get("/repos/" + repository + "/actions/runs/" + runId).body(), "workflow run " + runId);
        return parse(run, "workflow run " + runId, repository);
    }

    public Optional<WorkflowRun> findByTitle(String repository, String workflowFile, String title) {
        String path = "/repos/" + repository + "/actions/workflows/" + URLEncoder.encode(workflowFile, StandardCharsets.UTF_8)
                + "/runs?per_page=" + PAGE_SIZE;
        JsonNode page = Json.parse(api.get(path).body(), "runs of " + workflowFile);
        JsonNode runs = Json.require(page, "workflow_runs", "runs of " + workflowFile);
        if (!runs.isArray()) {
            throw new dev.coreoswatch.json.JsonFormatException("runs of " + workflowFile + ": workflow_runs is not an array");
        }
        for (JsonNode run : runs) {
            if (title.equals(Json.optionalText(run, "display_title").orElse(null))) {
                return Optional.of(parse(run, "runs of " + workflowFile, repository));
            }
        }
        return Optional.empty();
    }

    private WorkflowRun parse(JsonNode run, String what, String repository) {
        JsonNode id = Json.require(run, "id", what);
        if (!id.isIntegralNumber()) {
            throw new dev.coreoswatch.json.JsonFormatException(what + ": id is not a number");
        }
        return new WorkflowRun(id.longValue(), Json.optionalText(run, "display_title").orElse(""),
                Json.text(run, "status", what), Json.optionalText(run, "conclusion").orElse(null),
                new RunUrl(api.apiUrl()).accept(repository, id.longValue(), Json.optionalText(run, "html_url").orElse(null)).orElse(null));
    }
}
