package dev.coreoswatch.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of markdown files ({@code [text](path#anchor)}, images, reference definitions) that lead
 * nowhere: a missing file, or an anchor no heading of the target file makes. Anchors follow GitHub's rule
 * (lower case, punctuation dropped, spaces to hyphens, {@code -1}, {@code -2} for repeats). Links in code are
 * not links; absolute URLs are not checked.
 */
final class MarkdownLinks {
    private static final Pattern INLINE =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Map<Path, Set<String>> anchors = new HashMap<>();

    /** Every broken link of these files, as {@code file:line: link (why)}. */
    List<String> problems(Path root, List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = prose(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
                for (String target : targets(line)) {
                    String why = check(file, target);
                    if (why != null) {
                        problems.add(root.relativize(file) + ":" + (i + 1) + ": " + target + " (" + why + ")");
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> targets(String line) {
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE.matcher(line);
        while (inline.find()) {
            targets.add(inline.group(1));
        }
        Matcher definition = DEFINITION.matcher(line);
        if (definition.find()) {
            targets.add(definition.group(1));
        }
        return targets;
    }

    private String check(Path file, String target) {
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(linked)) {
            return "no such file";
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!linked.getFileName().toString().endsWith(".md")) {
            return "an anchor into a file that is not markdown";
        }
        return anchors(linked).contains(anchor) ? null : "no heading makes the anchor #" + anchor;
    }

    private Set<String> anchors(Path file) {
        return anchors.computeIfAbsent(file, f -> {
            Set<String> found = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : prose(f)) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(1));
                    int repeat = seen.merge(slug, 1, Integer::sum) - 1;
                    found.add(repeat == 0 ? slug : slug + "-" + repeat);
                }
            }
            return found;
        });
    }

    /** GitHub's anchor of a heading's text. */
    static String slug(String heading) {
        String text = heading.replace("`", "").replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    /** The file's lines with fenced code blocks blanked (line numbers kept). */
    private static List<String> prose(Path file) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String stripped = lines.get(i).strip();
            if (fence == null && (stripped.startsWith("```") || stripped.startsWith("~~~"))) {
                fence = stripped.substring(0, 3);
                lines.set(i, "");
            } else if (fence != null) {
                if (stripped.startsWith(fence)) {
                    fence = null;
                }
                lines.set(i, "");
            }
        }
        return lines;
    }
}
