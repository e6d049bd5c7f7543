package dev.coreoswatch.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A SAM template read from disk, with the Globals merge SAM applies to functions. */
public final class SamTemplate {

    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        try {
            return new SamTemplate(file, CloudFormationYaml.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            throw new TemplateException("template " + file + " does not exist");
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> resources() {
        return mapAt(root, "Resources");
    }

    /** Logical ids of the functions, in template order. */
    public List<String> functionIds() {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (resource instanceof Map<?, ?> r && FUNCTION_TYPE.equals(r.get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A function's own properties merged over {@code Globals.Function}, as SAM merges them. */
    public Map<String, Object> effectiveProperties(String logicalId) {
        Object resource = resources().get(logicalId);
        if (!(resource instanceof Map<?, ?> r) || !FUNCTION_TYPE.equals(r.get("Type"))) {
            throw new TemplateException(
                    "no function " + logicalId + " in " + file + "; functions are " + functionIds());
        }
        Map<String, Object> globals = mapAt(mapAt(root, "Globals"), "Function");
        return merge(globals, mapAt(asMap(resource), "Properties"));
    }

    public FunctionDefinition function(String logicalId) {
        Map<String, Object> props = effectiveProperties(logicalId);
        String codeUri = literal(props, "CodeUri", logicalId);
        String handler = literal(props, "Handler", logicalId);
        Path code = file.toAbsolutePath().getParent().resolve(codeUri).normalize();
        int memory = integer(props, "MemorySize", 128, logicalId);
        int timeout = integer(props, "Timeout", 3, logicalId);
        String logFormat = props.get("LoggingConfig") instanceof Map<?, ?> logging
                        && logging.get("LogFormat") instanceof String format
                ? format
                : "Text";
        Map<String, String> env = new TreeMap<>();
        if (props.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                if (value instanceof String text) {
                    env.put(String.valueOf(name), text);
                }
            });
        }
        return new FunctionDefinition(logicalId, code, handler, memory, Duration.ofSeconds(timeout), logFormat, env);
    }

    /**
     * SAM's rule (samtranslator {@code globals.py}): maps merge key by key, lists concatenate (globals first),
     * anything else is taken from the function.
     */
    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        local.forEach((key, value) -> merged.merge(key, value, SamTemplate::mergeValue));
        return merged;
    }

    private static Object mergeValue(Object global, Object local) {
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !isIntrinsic(g) && !isIntrinsic(l)) {
            return merge(asMap(g), asMap(l));
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> both = new ArrayList<>(g);
            both.addAll(l);
            return both;
        }
        return local;
    }

    /** {@code {"Ref": ...}}, {@code {"Condition": ...}} or {@code {"Fn::...": ...}}. */
    public static boolean isIntrinsic(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    private static String literal(Map<String, Object> props, String key, String logicalId) {
        if (props.get(key) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw new TemplateException("function " + logicalId + " has no literal " + key);
    }

    private static int integer(Map<String, Object> props, String key, int fallback, String logicalId) {
        Object value = props.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer number && number > 0) {
            return number;
        }
        throw new TemplateException(
                "function " + logicalId + " has " + key + " " + value + "; expected a positive whole number");
    }

    private static Map<String, Object> mapAt(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? Map.of() : asMap(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException("expected a mapping, got " + value);
    }
}
