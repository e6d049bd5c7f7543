package dev.coreoswatch.infrastructure;

import dev.coreoswatch.local.SamTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudFormation makes of a template value for given parameter values: Ref, Fn::Sub (string form),
 * Fn::Join, Fn::Split, Fn::If and the conditions' Fn::Not and Fn::Equals. Anything else fails the test,
 * so a value this cannot evaluate is never taken for a plain string.
 */
final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final SamTemplate template;
    private final Map<String, String> parameters;

    /** {@code parameters}: the values given at deploy time; the others take their template default. */
    Intrinsics(SamTemplate template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = parameters;
    }

    Object evaluate(Object node) {
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            return node;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(this::evaluate).toList();
        }
        if (!(node instanceof Map<?, ?> map) || map.size() != 1) {
            throw new AssertionError("not an intrinsic function: " + node);
        }
        var entry = map.entrySet().iterator().next();
        String function = (String) entry.getKey();
        Object argument = entry.getValue();
        return switch (function) {
            case "Ref" -> parameter((String) argument);
            case "Fn::Sub" -> sub((String) argument);
            case "Fn::Join" -> {
                List<?> args = (List<?>) argument;
                yield String.join((String) args.get(0), strings(evaluate(args.get(1))));
            }
            case "Fn::Split" -> {
                List<?> args = (List<?>) argument;
                yield Arrays.asList(((String) evaluate(args.get(1))).split(Pattern.quote((String) args.get(0)), -1));
            }
            case "Fn::If" -> {
                List<?> args = (List<?>) argument;
                yield evaluate(condition((String) args.get(0)) ? args.get(1) : args.get(2));
            }
            case "Fn::Not" -> !(Boolean) evaluate(((List<?>) argument).get(0));
            case "Fn::Equals" -> {
                List<?> args = (List<?>) argument;
                yield evaluate(args.get(0)).equals(evaluate(args.get(1)));
            }
            default -> throw new AssertionError("not evaluated here: " + function);
        };
    }

    private boolean condition(String name) {
        return (Boolean) evaluate(Tree.at(template.root(), "Conditions", name));
    }

    private String parameter(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Object fallback = Tree.at(template.root(), "Parameters", name, "Default");
        if (fallback == null) {
            throw new AssertionError("parameter " + name + " has no default and no value was given");
        }
        return String.valueOf(fallback);
    }

    private String sub(String text) {
        Matcher m = SUB_VARIABLE.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(parameter(r.group(1))));
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) list) {
            out.add((String) item);
        }
        return out;
    }
}
