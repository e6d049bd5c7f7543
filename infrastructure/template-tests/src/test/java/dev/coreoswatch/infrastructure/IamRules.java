package dev.coreoswatch.infrastructure;

import dev.coreoswatch.local.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege rules every policy document of the template must follow:
 * <ul>
 *   <li>no Allow statement names an action with {@code *}, or uses NotAction/NotResource;</li>
 *   <li>function policies are inline statements only (a managed policy or a SAM policy template grants
 *       actions this review cannot see) and name their resources, never {@code *};</li>
 *   <li>resource policies never allow principal {@code *}, and a service principal only with an
 *       {@code aws:SourceArn} or {@code aws:SourceAccount} condition (confused deputy);</li>
 *   <li>the one place {@code Resource: "*"} is allowed is a KMS key policy, where it means "this key" and
 *       nothing else is accepted by KMS.</li>
 * </ul>
 */
final class IamRules {

    private IamRules() {}

    static List<String> violations(SamTemplate template) {
        List<String> found = new ArrayList<>();
        for (String function : template.functionIds()) {
            int index = 0;
            for (Object policy : policies(template, function)) {
                String where = function + "/Policies/" + index++;
                if (policy instanceof Map<?, ?> document && document.containsKey("Statement")) {
                    statements(document, where, Kind.IDENTITY, found);
                } else {
                    found.add(where + ": only inline statements are allowed, got " + policy);
                }
            }
        }
        Tree.map(template.root(), "Resources").forEach((id, resource) -> {
            String type = String.valueOf(Tree.at(resource, "Type"));
            switch (type) {
                case "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy" ->
                    statements(Tree.map(resource, "Properties", "PolicyDocument"), id, Kind.RESOURCE, found);
                case "AWS::KMS::Key" -> statements(Tree.map(resource, "Properties", "KeyPolicy"), id, Kind.KEY, found);
                case "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                    found.add(id + ": IAM resources are written by SAM from the function policies; " + type
                            + " is not reviewed");
                default -> {}
            }
        });
        return found;
    }

    private enum Kind {
        IDENTITY,
        RESOURCE,
        KEY
    }

    /** Action families AWS documents with their wildcard (SNS and CloudWatch with a customer managed key). */
    static final List<String> DOCUMENTED_WILDCARDS = List.of("kms:GenerateDataKey*");

    /**
     * A function's policies, each branch of a conditional one ({@code Fn::If}) included, so that a
     * statement granted only under a condition is reviewed like any other; {@code AWS::NoValue} is none.
     */
    static List<Object> policies(SamTemplate template, String function) {
        List<Object> out = new ArrayList<>();
        for (Object policy :
                Tree.oneOrMany(template.effectiveProperties(function).get("Policies"))) {
            if (policy instanceof Map<?, ?> map
                    && map.size() == 1
                    && map.get("Fn::If") instanceof List<?> branches
                    && branches.size() == 3) {
                branches.subList(1, 3).stream()
                        .filter(b -> !Map.of("Ref", "AWS::NoValue").equals(b))
                        .forEach(out::add);
            } else {
                out.add(policy);
            }
        }
        return out;
    }

    private static void statements(Map<?, ?> document, String where, Kind kind, List<String> found) {
        int index = 0;
        for (Object item : Tree.oneOrMany(document.get("Statement"))) {
            Map<?, ?> statement = (Map<?, ?>) item;
            String at = where + "/Statement/" + (statement.get("Sid") != null ? statement.get("Sid") : index);
            index++;
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
                found.add(at + ": NotAction/NotResource allow more than they name");
            }
            for (Object action : Tree.oneOrMany(statement.get("Action"))) {
                if (!(action instanceof String name) || (name.contains("*") && !DOCUMENTED_WILDCARDS.contains(name))) {
                    found.add(at + ": action " + action + " is not one named action");
                }
            }
            List<Object> resources = Tree.oneOrMany(statement.get("Resource"));
            if (resources.isEmpty()) {
                found.add(at + ": no Resource");
            }
            for (Object resource : resources) {
                boolean star = resource instanceof String text && text.contains("*");
                if (kind == Kind.KEY ? !"*".equals(resource) : star) {
                    found.add(at + ": resource " + resource
                            + (kind == Kind.KEY
                                    ? " (a key policy statement applies to its own key: Resource must be *)"
                                    : " is not a named resource"));
                }
            }
            if (kind != Kind.IDENTITY) {
                principal(statement, at, found);
            }
        }
    }

    private static void principal(Map<?, ?> statement, String at, List<String> found) {
        Object principal = statement.get("Principal");
        if (principal == null
                || "*".equals(principal)
                || Tree.oneOrMany(Tree.at(principal, "AWS")).contains("*")) {
            found.add(at + ": principal " + principal + " is everyone");
            return;
        }
        if (Tree.at(principal, "Service") != null) {
            Object condition = statement.get("Condition");
            boolean scoped = condition instanceof Map<?, ?> operators
                    && operators.values().stream()
                            .anyMatch(keys -> keys instanceof Map<?, ?> k
                                    && (k.containsKey("aws:SourceArn") || k.containsKey("aws:SourceAccount")));
            if (!scoped) {
                found.add(at + ": service principal without an aws:SourceArn/aws:SourceAccount condition");
            }
        }
    }
}
