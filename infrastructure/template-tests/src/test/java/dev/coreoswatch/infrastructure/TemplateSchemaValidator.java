package dev.coreoswatch.infrastructure;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.coreoswatch.local.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a template against the SAM schema ({@code Globals}, every {@code AWS::Serverless::*} resource and each
 * function event by its own type) and every other resource's {@code Properties} against its CloudFormation
 * resource schema. Errors at or under an intrinsic function ({@code Ref}, {@code Fn::*}) are dropped: the
 * schemas cannot know what those resolve to.
 */
final class TemplateSchemaValidator {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SAM = "schemas/sam.schema.json";
    private static final String FUNCTION_PROPERTIES =
            "samtranslator__internal__schema_source__aws_serverless_function__Properties";

    private final JsonNode samDefinitions;
    private final SchemaRegistry draft4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final SchemaRegistry draft7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private final Map<String, Schema> compiled = new HashMap<>();

    TemplateSchemaValidator() {
        samDefinitions = read(SAM).get("definitions");
    }

    /** Every problem found, each naming where it is; empty when the template conforms. */
    List<String> validate(Map<String, Object> template) {
        JsonNode root = JSON.valueToTree(template);
        List<String> problems = new ArrayList<>();
        JsonNode globals = root.get("Globals");
        if (globals != null) {
            check(samSchema("__main____Globals"), globals, "Globals", problems);
        }
        for (var entry : root.get("Resources").properties()) {
            String id = entry.getKey();
            JsonNode resource = entry.getValue();
            String type = resource.path("Type").asString("");
            if (type.startsWith("AWS::Serverless::")) {
                checkServerless(id, type, resource, problems);
            } else {
                checkCloudFormation(id, type, resource, problems);
            }
        }
        return problems;
    }

    private void checkServerless(String id, String type, JsonNode resource, List<String> problems) {
        String definition = definitionForType(samDefinitions, type);
        if (definition == null) {
            problems.add("Resources/" + id + ": unknown SAM resource type " + type);
            return;
        }
        ObjectNode withoutEvents = (ObjectNode) resource.deepCopy();
        JsonNode events = ((ObjectNode) withoutEvents.path("Properties")).remove("Events");
        check(samSchema(definition), withoutEvents, "Resources/" + id, problems);
        if (events != null && type.equals(SamTemplate.FUNCTION_TYPE)) {
            JsonNode alternatives = samDefinitions
                    .get(FUNCTION_PROPERTIES)
                    .get("properties")
                    .get("Events")
                    .get("additionalProperties")
                    .get("anyOf");
            for (var event : events.properties()) {
                String where = "Resources/" + id + "/Properties/Events/" + event.getKey();
                String eventType = event.getValue().path("Type").asString("");
                String eventDefinition = eventDefinition(alternatives, eventType);
                if (eventDefinition == null) {
                    problems.add(where + ": unknown event type " + eventType);
                } else {
                    check(samSchema(eventDefinition), event.getValue(), where, problems);
                }
            }
        }
    }

    private void checkCloudFormation(String id, String type, JsonNode resource, List<String> problems) {
        String file = "schemas/cfn-resources/" + type.replace("::", "_") + ".json";
        if (getClass().getClassLoader().getResource(file) == null) {
            problems.add("Resources/" + id + ": no schema for " + type + " (add " + file + ")");
            return;
        }
        Schema schema = compiled.computeIfAbsent(file, f -> draft7.getSchema(read(f)));
        JsonNode properties = resource.path("Properties");
        check(
                schema,
                properties.isMissingNode() ? JSON.createObjectNode() : properties,
                "Resources/" + id + "/Properties",
                problems);
    }

    private Schema samSchema(String definition) {
        return compiled.computeIfAbsent("sam#" + definition, d -> {
            ObjectNode schema = JSON.createObjectNode();
            schema.set("definitions", samDefinitions);
            schema.put("$ref", "#/definitions/" + definition);
            return draft4.getSchema(schema);
        });
    }

    private static void check(Schema schema, JsonNode instance, String where, List<String> problems) {
        for (Error error : schema.validate(instance)) {
            if (!underIntrinsic(instance, error)) {
                problems.add(where + error.getInstanceLocation().toString().replaceFirst("^\\$", "") + ": "
                        + error.getMessage());
            }
        }
    }

    /** The SAM definition whose {@code Type} property allows exactly this type. */
    private static String definitionForType(JsonNode definitions, String type) {
        for (var entry : definitions.properties()) {
            JsonNode allowed = entry.getValue().path("properties").path("Type").path("enum");
            if (allowed.size() == 1 && allowed.get(0).asString("").equals(type)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private String eventDefinition(JsonNode alternatives, String eventType) {
        for (JsonNode alternative : alternatives) {
            String name = alternative.get("$ref").asString().substring("#/definitions/".length());
            JsonNode allowed =
                    samDefinitions.path(name).path("properties").path("Type").path("enum");
            for (JsonNode value : allowed) {
                if (value.asString("").equals(eventType)) {
                    return name;
                }
            }
        }
        return null;
    }

    static boolean underIntrinsic(JsonNode root, Error error) {
        if (isIntrinsic(error.getInstanceNode())) {
            return true;
        }
        JsonNode current = root;
        NodePath path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            current = element instanceof Integer index ? current.get(index) : current.get(element.toString());
            if (current == null) {
                return false;
            }
            if (isIntrinsic(current)) {
                return true;
            }
        }
        return false;
    }

    static boolean isIntrinsic(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.propertyNames().iterator().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    private static JsonNode read(String resource) {
        try (InputStream in = TemplateSchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
