package dev.coreoswatch.github;

import dev.coreoswatch.model.Combination;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The string inputs of the build workflow (docs/contract.md section 6), each checked against a strict
 * pattern before it leaves: a value that fails is an error, never sent.
 */
public record WorkflowInputs(
        String stream,
        String coreosVersion,
        String zfsVersion,
        String kernelVersions,
        String platforms,
        String reason,
        String image,
        String tag) {
    static final Pattern STREAM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    static final Pattern VERSION = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18}){0,9}(-[0-9A-Za-z_.]{1,64})?");
    static final Pattern KERNEL =
            Pattern.compile("[0-9]{1,4}\\.[0-9]{1,4}(\\.[0-9]{1,6}){0,2}(-[0-9A-Za-z_.+~]{1,80})?|unknown");
    static final Pattern KERNELS = Pattern.compile(
            "[a-z0-9_]{1,16}=(" + KERNEL.pattern() + ")(,[a-z0-9_]{1,16}=(" + KERNEL.pattern() + ")){0,7}");
    static final Pattern PLATFORMS = Pattern.compile("linux/[a-z0-9]{1,16}(,linux/[a-z0-9]{1,16}){0,7}");
    static final int REASON_MAX = 200;
    /**
     * A registry host as Docker tells one from a path (a dot, a port or {@code localhost}; lower case) and a
     * repository path, no tag: the normalised name the inspector reads.
     */
    static final Pattern IMAGE = Pattern.compile(
            "(?:localhost(?::[0-9]{1,5})?|[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63})+(?::[0-9]{1,5})?|[a-z0-9-]{1,63}:[0-9]{1,5})"
                    + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*){1,8}");

    static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public WorkflowInputs {
        check("stream", stream, STREAM);
        check("coreos_version", coreosVersion, VERSION);
        check("zfs_version", zfsVersion, VERSION);
        check("kernel_versions", kernelVersions, KERNELS);
        check("platforms", platforms, PLATFORMS);
        check("image", image, IMAGE);
        if (image.length() > 255) {
            throw new InvalidValueException("workflow input image", image);
        }
        check("tag", tag, TAG);
        if (reason == null || reason.isEmpty() || reason.length() > REASON_MAX || !Printable.isClean(reason)) {
            throw new InvalidValueException("workflow input reason", reason);
        }
    }

    /**
     * The inputs a BUILD decision dispatches; the reason is folded to one line of at most 200 characters.
     * {@code image} and {@code tag} are where the inspector looks (docs/contract.md section 6): the workflow pushes exactly there.
     */
    public static WorkflowInputs of(Decision decision, String image, String tag) {
        Combination combination = decision.combination();
        String kernels = combination.kernels().keySet().stream()
                .map(a -> a.fcosName() + "=" + combination.kernel(a).orElse("unknown"))
                .collect(Collectors.joining(","));
        String platforms = combination.kernels().keySet().stream()
                .map(a -> a.platform().toString())
                .collect(Collectors.joining(","));
        return new WorkflowInputs(
                decision.stream(),
                combination.coreosVersion(),
                combination.zfsVersion(),
                kernels,
                platforms,
                oneLine(decision.reason()),
                image,
                tag);
    }

    static String oneLine(String text) {
        String flat = Printable.replaceUnsafe(text == null ? "" : text, ' ')
                .replaceAll("\\s+", " ")
                .strip();
        if (flat.isEmpty()) {
            return "-"; // the input is required; a reason made only of what we strip still says nothing
        }
        if (flat.length() <= REASON_MAX) {
            return flat;
        }
        int cut = Character.isHighSurrogate(flat.charAt(REASON_MAX - 2)) ? REASON_MAX - 2 : REASON_MAX - 1;
        return flat.substring(0, cut) + "…";
    }

    /** Input names exactly as the workflow declares them. */
    public Map<String, String> asMap() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("stream", stream);
        inputs.put("coreos_version", coreosVersion);
        inputs.put("zfs_version", zfsVersion);
        inputs.put("kernel_versions", kernelVersions);
        inputs.put("platforms", platforms);
        inputs.put("reason", reason);
        inputs.put("image", image);
        inputs.put("tag", tag);
        return inputs;
    }

    /** What the example workflow's {@code run-name} makes of these inputs: how a run in flight is recognised. */
    public String runTitle() {
        return runTitle(stream, coreosVersion, zfsVersion);
    }

    /** The run title of a combination, for a run looked up without dispatching. */
    public static String runTitle(String stream, Combination combination) {
        return runTitle(stream, combination.coreosVersion(), combination.zfsVersion());
    }

    private static String runTitle(String stream, String coreosVersion, String zfsVersion) {
        return "build " + stream + " " + coreosVersion + " zfs " + zfsVersion;
    }

    private static void check(String name, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidValueException("workflow input " + name, value);
        }
    }
}
