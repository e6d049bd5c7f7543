package dev.coreoswatch.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The example build workflow ({@code infrastructure/github/build.yaml}) read into maps, with the lookups its tests share. */
record BuildWorkflow(Map<String, Object> root, String text) {

    static BuildWorkflow load() {
        try {
            String text = Files.readString(ProjectFiles.workflow());
            @SuppressWarnings("unchecked")
            Map<String, Object> root =
                    (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            return new BuildWorkflow(root, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML 1.1 reads the key "on" as the boolean true; GitHub reads it as "on". */
    Map<String, Object> triggers() {
        Object on = root.containsKey("on") ? root.get("on") : ((Map<?, ?>) root).get(Boolean.TRUE);
        return Tree.map(on);
    }

    Map<String, Object> jobs() {
        return Tree.map(root, "jobs");
    }

    List<?> steps(String job) {
        return (List<?>) Tree.at(root, "jobs", job, "steps");
    }

    /** The step with this {@code id}. */
    Object step(String job, String id) {
        return steps(job).stream()
                .filter(s -> id.equals(Tree.at(s, "id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + id + " in job " + job));
    }

    /** Position of the step with this id in its job. */
    int indexOf(String job, String id) {
        return steps(job).indexOf(step(job, id));
    }

    /** The shell script of the step with this id. */
    String run(String job, String id) {
        return (String) Tree.at(step(job, id), "run");
    }

    /** Every shell script of a job, in order. */
    String allRuns(String job) {
        StringBuilder runs = new StringBuilder();
        for (Object step : steps(job)) {
            if (Tree.at(step, "run") instanceof String script) {
                runs.append(script).append('\n');
            }
        }
        return runs.toString();
    }

    /** The jobs this job names in {@code needs}. */
    List<String> needs(String job) {
        return Tree.oneOrMany(Tree.at(root, "jobs", job, "needs")).stream()
                .map(String.class::cast)
                .toList();
    }

    /** Every job this one waits for, directly or through another. */
    Set<String> upstream(String job) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(needs(job));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(needs(next));
            }
        }
        return seen;
    }
}
