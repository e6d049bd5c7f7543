package dev.coreoswatch.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Small helpers for walking a template read into maps, lists and scalars. */
final class Tree {

    private Tree() {}

    /** The value at a path of map keys, or null. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new AssertionError("expected a mapping at " + String.join("/", path) + ", got " + value);
    }

    /** A value that may be one item or a list of items, as IAM's Action and Resource. */
    static List<Object> oneOrMany(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }

    /** Calls {@code visit} for every map in the tree, depth first. */
    static void eachMap(Object node, BiConsumer<String, Map<?, ?>> visit) {
        eachMap(node, "", visit);
    }

    private static void eachMap(Object node, String where, BiConsumer<String, Map<?, ?>> visit) {
        if (node instanceof Map<?, ?> map) {
            visit.accept(where, map);
            map.forEach((key, value) -> eachMap(value, where + "/" + key, visit));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                eachMap(list.get(i), where + "/" + i, visit);
            }
        }
    }
}
