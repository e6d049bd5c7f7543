package dev.coreoswatch.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Printable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads runs of the build workflow: one by id, or the newest whose {@code display_title} (set by
 * the workflow's {@code run-name}) names a combination. Runs do not expose their inputs.
 */
public final class WorkflowRuns {
    /** Runs are listed newest first; a build of interest is among the latest few dozen. */
    static final int PAGE_SIZE = 50;
    /** How much earlier than our claim GitHub's clock may stamp the run of it. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Job conclusions that are not a failure. */
    private static final Set<String> FINE = Set.of("success", "skipped", "neutral");

    private final GitHubApi api;

    public WorkflowRuns(GitHubApi api) {
        this.api = api;
    }

    public WorkflowRun get(String repository, long runId) {
        JsonNode run = Json.parse(
                api.get("/repos/" + repository + "/actions/runs/" + runId).body(), "workflow run " + runId);
        return parse(run, "workflow run " + runId, repository);
    }

    public Optional<WorkflowRun> findByTitle(String repository, String workflowFile, String title) {
        return findByTitle(repository, workflowFile, title, null);
    }

    /**
     * The newest run named {@code title} created at or after {@code claimedAt} − 60 s (CONTRACT
     * section 7): an older run of the same title is history, never the run of a newer claim.
     */
    public Optional<WorkflowRun> findClaimed(String repository, String workflowFile, String title, Instant claimedAt) {
        return findByTitle(repository, workflowFile, title, claimedAt.minus(CLOCK_SKEW));
    }

    /**
     * The first job of a run that did not succeed, as {@code name (conclusion)}, from
     * {@code GET /repos/{repository}/actions/runs/{id}/jobs}; empty when every job passed.
     */
    public Optional<String> firstFailedJob(String repository, long runId) {
        String what = "jobs of workflow run " + runId;
        JsonNode page = Json.parse(
                api.get("/repos/" + repository + "/actions/runs/" + runId + "/jobs?per_page=" + PAGE_SIZE)
                        .body(),
                what);
        JsonNode jobs = Json.require(page, "jobs", what);
        if (!jobs.isArray()) {
            throw new JsonFormatException(what + ": jobs is not an array");
        }
        for (JsonNode job : jobs) {
            String conclusion = Json.optionalText(job, "conclusion").orElse(null);
            if (conclusion != null && !FINE.contains(conclusion)) {
                return Optional.of(Printable.excerpt(
                                Json.optionalText(job, "name")
                                        .orElse("job " + job.path("id").asText()),
                                120)
                        + " (" + Printable.excerpt(conclusion, 40) + ")");
            }
        }
        return Optional.empty();
    }

    private Optional<WorkflowRun> findByTitle(String repository, String workflowFile, String title, Instant notBefore) {
        String path = "/repos/" + repository + "/actions/workflows/"
                + URLEncoder.encode(workflowFile, StandardCharsets.UTF_8) + "/runs?per_page=" + PAGE_SIZE;
        JsonNode page = Json.parse(api.get(path).body(), "runs of " + workflowFile);
        JsonNode runs = Json.require(page, "workflow_runs", "runs of " + workflowFile);
        if (!runs.isArray()) {
            throw new JsonFormatException("runs of " + workflowFile + ": workflow_runs is not an array");
        }
        for (JsonNode run : runs) {
            if (title.equals(Json.optionalText(run, "display_title").orElse(null))) {
                WorkflowRun found = parse(run, "runs of " + workflowFile, repository);
                if (notBefore == null
                        || (found.createdAt() != null && !found.createdAt().isBefore(notBefore))) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    private WorkflowRun parse(JsonNode run, String what, String repository) {
        JsonNode id = Json.require(run, "id", what);
        if (!id.isIntegralNumber()) {
            throw new JsonFormatException(what + ": id is not a number");
        }
        return new WorkflowRun(
                id.longValue(),
                Json.optionalText(run, "display_title").orElse(""),
                Json.text(run, "status", what),
                Json.optionalText(run, "conclusion").orElse(null),
                new RunUrl(api.apiUrl())
                        .accept(
                                repository,
                                id.longValue(),
                                Json.optionalText(run, "html_url").orElse(null))
                        .orElse(null),
                instant(run, "created_at", what),
                instant(run, "updated_at", what));
    }

    private static Instant instant(JsonNode run, String field, String what) {
        Optional<String> text = Json.optionalText(run, field);
        try {
            return text.map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw new JsonFormatException(
                    what + ": " + field + " " + Printable.quote(text.get()) + " is not an ISO-8601 instant");
        }
    }
}
