package dev.coreoswatch.config;

import dev.coreoswatch.model.Printable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The targets of one deployment (CONTRACT section 2b). Precedence, highest first: what the
 * door puts over it (command-line options), {@code overrides} (-D properties and environment),
 * the target's own keys in the document, the document's top level, the defaults.
 */
public record Fleet(List<Target> targets) {
    public Fleet {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new ConfigException("targets", "no target selected");
        }
    }

    /** A single target named {@code default}: revision 1's setup through the environment. */
    public static Fleet single(WatchConfig config) {
        return new Fleet(List.of(new Target(Target.DEFAULT, config)));
    }

    public static Fleet load(ConfigSource overrides, Optional<ConfigDocument> document) {
        ConfigSource top = document.map(d -> ConfigSource.of(d.top())).orElse(key -> Optional.empty());
        if (document.isEmpty() || document.get().targets().isEmpty()) {
            return single(WatchConfig.load(top.overriddenBy(overrides)));
        }
        List<ConfigDocument.TargetKeys> listed = document.get().targets();
        if (listed.size() > 1 && overrides.get("target.image").isPresent()) {
            throw new ConfigException(
                    "target.image",
                    "is set outside the document (TARGET_IMAGE or -Dtarget.image) while "
                            + document.get().origin() + " lists " + listed.size()
                            + " targets: it would give every target the same image");
        }
        List<Target> targets = new ArrayList<>();
        for (ConfigDocument.TargetKeys keys : listed) {
            ConfigSource source = top.overriddenBy(ConfigSource.of(keys.keys())).overriddenBy(overrides);
            try {
                targets.add(new Target(keys.name(), WatchConfig.load(source)));
            } catch (ConfigException e) {
                throw e.inTarget(keys.name());
            }
        }
        return new Fleet(targets);
    }

    /** Only the named targets, in the document's order; an unknown name is a configuration error. */
    public Fleet select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return this;
        }
        Set<String> wanted = new LinkedHashSet<>(names);
        for (String name : wanted) {
            if (targets.stream().noneMatch(t -> t.name().equals(name))) {
                throw new ConfigException(
                        "--target",
                        "no target is named " + Printable.quote(name) + "; the targets are "
                                + String.join(", ", names()));
            }
        }
        return new Fleet(targets.stream().filter(t -> wanted.contains(t.name())).toList());
    }

    /** Every target's configuration changed the same way (a command-line option). */
    public Fleet map(UnaryOperator<WatchConfig> change) {
        return new Fleet(targets.stream()
                .map(t -> {
                    try {
                        return t.withConfig(change.apply(t.config()));
                    } catch (ConfigException e) {
                        throw targets.size() == 1 ? e : e.inTarget(t.name());
                    }
                })
                .toList());
    }

    public List<String> names() {
        return targets.stream().map(Target::name).toList();
    }

    /** Settings every target shares (URLs, credentials, tables): the first target's, which equal everyone's. */
    public WatchConfig shared() {
        return targets.get(0).config();
    }

    public Optional<Target> target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
