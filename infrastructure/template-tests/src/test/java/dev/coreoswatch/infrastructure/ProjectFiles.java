package dev.coreoswatch.infrastructure;

import dev.coreoswatch.local.SamTemplate;
import java.nio.file.Path;

/** Where the files under test live: the repository root is passed in by the build. */
final class ProjectFiles {

    private ProjectFiles() {}

    static Path root() {
        String root = System.getProperty("coreos.watch.root");
        if (root == null) {
            throw new IllegalStateException("run through Maven: coreos.watch.root is not set");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    static SamTemplate loadTemplate() {
        return SamTemplate.load(template());
    }

    static Path workflow() {
        return root().resolve("infrastructure/github/build.yaml");
    }

    static Path event(String name) {
        return root().resolve("infrastructure/events").resolve(name);
    }
}
