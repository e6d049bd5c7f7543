package dev.coreoswatch.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The configuration document of CONTRACT section 2b, flattened to section-2 keys: the top level,
 * and each target's own keys. A JSON document (what the template writes into SSM) is read with
 * the Jackson the core has anyway; only a document that is not JSON loads the YAML parser.
 * Every scalar stays text ({@code 2.10} is not the number 2.1); lists become comma lists.
 */
public record ConfigDocument(String origin, Map<String, String> top, List<TargetKeys> targets) {
    private static final int MAX_CHARS = 256 * 1024;

    /** One entry of {@code targets}: its name and the keys it sets for itself. */
    public record TargetKeys(String name, Map<String, String> keys) {}

    public ConfigDocument {
        top = Map.copyOf(top);
        targets = List.copyOf(targets);
    }

    /** {@code origin} names the document in messages (a file, an SSM parameter). */
    public static ConfigDocument parse(String text, String origin) {
        if (text.length() > MAX_CHARS) {
            throw new ConfigException("config", origin + " is larger than " + MAX_CHARS + " characters");
        }
        Object tree = text.stripLeading().startsWith("{") ? json(text, origin) : yaml(text, origin);
        if (tree == null) {
            return new ConfigDocument(origin, Map.of(), List.of());
        }
        if (!(tree instanceof Map<?, ?> root)) {
            throw new ConfigException("config", origin + " must be a mapping of keys at its top level");
        }
        Map<String, String> top = new LinkedHashMap<>();
        List<TargetKeys> targets = new ArrayList<>();
        for (Map.Entry<?, ?> entry : root.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals("targets")) {
                targets = targets(entry.getValue(), origin);
            } else {
                flatten(key, entry.getValue(), top);
            }
        }
        checkKnown(top, ConfigKeys.TOP_LEVEL, "is not a configuration key");
        return new ConfigDocument(origin, top, targets);
    }

    private static List<TargetKeys> targets(Object value, String origin) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("targets", "must be a list of targets in " + origin);
        }
        List<TargetKeys> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new ConfigException("targets[" + i + "]", "must be a mapping with a name");
            }
            Object rawName = entry.get("name");
            if (!(rawName instanceof String name) || name.isBlank()) {
                throw new ConfigException("targets[" + i + "].name", "every target needs a name");
            }
            if (!Target.isValidName(name)) {
                throw new ConfigException(
                        "targets[" + i + "].name",
                        Printable.quote(name)
                                + " is not a valid target name: use 1 to 40 of a-z, 0-9 and '-', starting with a letter or digit");
            }
            if (!names.add(name)) {
                throw new ConfigException("name", "two targets are named " + Printable.quote(name)).inTarget(name);
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (Map.Entry<?, ?> field : entry.entrySet()) {
                String key = String.valueOf(field.getKey());
                if (!key.equals("name")) {
                    flatten(key, field.getValue(), keys);
                }
            }
            try {
                checkKnown(
                        keys,
                        ConfigKeys.PER_TARGET,
                        "cannot be set per target (set it at the top level, or it is no key)");
            } catch (ConfigException e) {
                throw e.inTarget(name);
            }
            if (!keys.containsKey("target.image")) {
                throw new ConfigException("target.image", "every target needs its image").inTarget(name);
            }
            targets.add(new TargetKeys(name, keys));
        }
        return targets;
    }

    /** Nested mappings become dotted keys; {@code coreos: {streams: [a, b]}} is {@code coreos.streams = a,b}. */
    private static void flatten(String key, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                flatten(key + "." + entry.getKey(), entry.getValue(), into);
            }
            return;
        }
        String text;
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw new ConfigException(key, "must be a value or a list of values");
                }
                items.add(item == null ? "" : item.toString());
            }
            text = String.join(",", items);
        } else {
            text = value == null ? "" : value.toString();
        }
        if (into.put(key, text) != null) {
            throw new ConfigException(key, "is given twice");
        }
    }

    private static void checkKnown(Map<String, String> keys, Set<String> allowed, String why) {
        for (String key : keys.keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException(key, why);
            }
        }
    }

    private static Object json(String text, String origin) {
        try (JsonParser parser = Json.FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            Object document = plain(parser);
            if (parser.nextToken() != null) {
                throw notJson(origin, parser.currentTokenLocation());
            }
            return document;
        } catch (JacksonException e) {
            throw notJson(origin, e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigException notJson(String origin, JsonLocation where) {
        return new ConfigException(
                "config",
                origin + " is not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }

    /**
     * Objects, arrays and scalars as text, read straight from the parser: a number keeps its written digits
     * ({@code 1.50} stays {@code 1.50}) as an exact decimal would.
     */
    private static Object plain(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    map.put(name, plain(p));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(plain(p));
                }
                return list;
            }
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_NUMBER_INT -> {
                return p.getBigIntegerValue().toString();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDecimalValue().toString();
            }
            default -> {
                return p.getText();
            }
        }
    }

    private static Object yaml(String text, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CHARS * 4);
        Yaml yaml = new Yaml(
                new SafeConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options,
                new TextResolver());
        try {
            return yaml.load(text);
        } catch (YAMLException e) {
            String where =
                    e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null
                            ? " (line " + (marked.getProblemMark().getLine() + 1) + ", column "
                                    + (marked.getProblemMark().getColumn() + 1) + ")"
                            : "";
            String problem = e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                    ? marked.getProblem()
                    : "cannot be read";
            throw new ConfigException("config", origin + " is not a valid YAML document: " + problem + where);
        }
    }

    /** No implicit types: every scalar is a string, so {@code 2.10} and {@code 044} stay what was written. */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {}
    }

    /** The keys a target of this document sets for itself. */
    public Optional<TargetKeys> target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
