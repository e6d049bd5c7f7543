package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of README.md and docs/ leads to a file, and to a heading where it names one. */
class DocumentationLinksTest {

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolves() throws IOException {
        Path root = ProjectFiles.root();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        assertEquals(List.of(), new MarkdownLinks().problems(root, files));
    }

    @Test
    void aMissingFileOrHeadingIsFoundAndCodeIsNotALink(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/page.md"), """
                # A page
                ## 4. The JSON report (`check --json`)
                ## Twice
                ## Twice
                """);
        Files.writeString(dir.resolve("README.md"), """
                [ok](docs/page.md) ![image](docs/page.md) [heading](docs/page.md#4-the-json-report-check---json)
                [repeat](docs/page.md#twice-1) [here](#readme) [web](https://example.org/nothing)
                [gone](docs/gone.md) [no heading](docs/page.md#twice-2)
                `[in code](docs/code-span.md)`
                ```
                [in a block](docs/fenced.md)
                ```
                [defined]: docs/undefined.md
                # Readme
                """);

        List<String> problems = new MarkdownLinks().problems(dir, List.of(dir.resolve("README.md")));

        assertEquals(
                List.of(
                        "README.md:3: docs/gone.md (no such file)",
                        "README.md:3: docs/page.md#twice-2 (no heading makes the anchor #twice-2)",
                        "README.md:8: docs/undefined.md (no such file)"),
                problems);
    }
}
