package dev.coreoswatch.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template written in YAML into plain maps, lists and scalars, turning the
 * short-form tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) into their long JSON form
 * ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}, ...) as CloudFormation itself does.
 */
public final class CloudFormationYaml {

    private static final List<String> FUNCTIONS = List.of(
            "Sub",
            "Join",
            "Select",
            "Split",
            "If",
            "Equals",
            "Not",
            "And",
            "Or",
            "FindInMap",
            "Base64",
            "Cidr",
            "ImportValue",
            "GetAZs",
            "Transform",
            "ToJsonString",
            "Length");

    private CloudFormationYaml() {}

    /** The template's top-level mapping. */
    public static Map<String, Object> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        // CloudFormation rejects duplicate keys; silently keeping the last one would hide a mistake.
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new IntrinsicConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new TemplateException("template is not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new TemplateException("template must be a YAML mapping at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            longForm("Ref", "Ref");
            longForm("Condition", "Condition");
            for (String fn : FUNCTIONS) {
                longForm(fn, "Fn::" + fn);
            }
            yamlConstructors.put(new Tag("!GetAtt"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value = constructAny(node);
                    if (value instanceof String dotted) {
                        int dot = dotted.indexOf('.');
                        if (dot <= 0 || dot == dotted.length() - 1) {
                            throw new TemplateException("!GetAtt needs Resource.Attribute, got " + dotted);
                        }
                        value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                    }
                    return Map.of("Fn::GetAtt", value);
                }
            });
        }

        private void longForm(String tag, String key) {
            yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return Map.of(key, constructAny(node));
                }
            });
        }

        private Object constructAny(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(constructObject(item));
                }
                return items;
            }
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                entries.put(constructObject(tuple.getKeyNode()), constructObject(tuple.getValueNode()));
            }
            return entries;
        }
    }
}
