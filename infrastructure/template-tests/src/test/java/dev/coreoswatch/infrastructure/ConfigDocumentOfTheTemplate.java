package dev.coreoswatch.infrastructure;

import dev.coreoswatch.config.ConfigDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The document the template writes into its SSM parameter, with sample values for the template's parameters. */
final class ConfigDocumentOfTheTemplate {
    static final Map<String, String> SAMPLE = Map.of(
            "TargetImage",
            "ghcr.io/owner/custom-coreos",
            "Streams",
            "stable,testing",
            "Architectures",
            "x86_64",
            "BlockedVersions",
            "44.20260707.3.1",
            "ZfsSeries",
            "2.4",
            "WorkflowRepository",
            "owner/builds",
            "WorkflowFile",
            "build.yml",
            "WorkflowRef",
            "release",
            "DryRun",
            "false",
            "InFlightWindow",
            "PT2H");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    private ConfigDocumentOfTheTemplate() {}

    /** The parameter's {@code Fn::Sub} text. */
    static String template() {
        Object value = Tree.at(ProjectFiles.loadTemplate().resources(), "ConfigParameter", "Properties", "Value");
        return (String) Tree.at(value, "Fn::Sub");
    }

    /** The document with {@code values} for the placeholders; a placeholder without a value fails. */
    static ConfigDocument with(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new AssertionError("no sample for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return ConfigDocument.parse(out.toString(), "the template's ConfigParameter");
    }

    /** The keys the document sets (with the samples: every one the template fills). */
    static Set<String> keys() {
        return new LinkedHashMap<>(with(SAMPLE).top()).keySet();
    }
}
