package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coreoswatch.local.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every name the template refers to exists, and every parameter and condition is used. */
class TemplateReferencesTest {

    static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    static SamTemplate template;
    static Set<String> refs = new TreeSet<>();
    static Set<String> conditions = new TreeSet<>();

    @BeforeAll
    static void collect() {
        template = ProjectFiles.loadTemplate();
        Tree.eachMap(template.root(), (where, map) -> {
            if (map.size() != 1) {
                return;
            }
            var entry = map.entrySet().iterator().next();
            Object value = entry.getValue();
            switch (String.valueOf(entry.getKey())) {
                case "Ref" -> refs.add((String) value);
                case "Fn::GetAtt" -> refs.add(((List<?>) value).get(0) + "." + ((List<?>) value).get(1));
                case "Fn::Sub" -> {
                    Matcher m = SUB_VARIABLE.matcher(value instanceof List<?> l ? (String) l.get(0) : (String) value);
                    while (m.find()) {
                        refs.add(m.group(1));
                    }
                }
                case "Fn::If" -> conditions.add((String) ((List<?>) value).get(0));
                case "Condition" -> {
                    if (value instanceof String name) {
                        conditions.add(name);
                    }
                }
                default -> {}
            }
        });
    }

    /** A parameter, a pseudo parameter, a resource, Resource.Attribute, or SAM's Function.Alias / Function.Version. */
    private static boolean resolves(String name) {
        Map<String, Object> parameters = Tree.map(template.root(), "Parameters");
        Map<String, Object> resources = template.resources();
        if (PSEUDO_PARAMETERS.contains(name) || parameters.containsKey(name) || resources.containsKey(name)) {
            return true;
        }
        int dot = name.indexOf('.');
        if (dot < 0 || !resources.containsKey(name.substring(0, dot))) {
            return false;
        }
        String resource = name.substring(0, dot);
        String attribute = name.substring(dot + 1);
        if (template.functionIds().contains(resource) && (attribute.equals("Alias") || attribute.equals("Version"))) {
            return template.effectiveProperties(resource).containsKey("AutoPublishAlias");
        }
        return true;
    }

    @Test
    void everyReferenceResolves() {
        Set<String> dangling = new TreeSet<>();
        refs.stream().filter(r -> !resolves(r)).forEach(dangling::add);
        assertEquals(Set.of(), dangling);
    }

    @Test
    void everyConditionUsedIsDefinedAndEveryDefinedIsUsed() {
        assertEquals(Tree.map(template.root(), "Conditions").keySet(), conditions);
    }

    @Test
    void everyParameterIsUsed() {
        Set<String> unused =
                new TreeSet<>(Tree.map(template.root(), "Parameters").keySet());
        refs.forEach(unused::remove);
        assertEquals(Set.of(), unused);
    }
}
