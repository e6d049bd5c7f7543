package dev.coreoswatch.model;

/** Which target a decision of the report belongs to (CONTRACT section 4): its name and image (null when none). */
public record DecisionTarget(String name, String image) {
    public static final String DEFAULT = "default";
}
