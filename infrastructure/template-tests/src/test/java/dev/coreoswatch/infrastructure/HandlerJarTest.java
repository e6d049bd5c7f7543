package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.local.FunctionDefinition;
import dev.coreoswatch.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every function's Handler class is inside the jar its CodeUri names. Off until the function modules exist:
 * run with {@code -Dcoreos.watch.jars=true} after {@code ./mvnw -DskipTests package}.
 */
@EnabledIfSystemProperty(named = "coreos.watch.jars", matches = "true")
class HandlerJarTest {

    @Test
    void everyHandlerClassIsInItsJar() throws IOException {
        SamTemplate template = ProjectFiles.loadTemplate();
        for (String id : template.functionIds()) {
            FunctionDefinition function = template.function(id);
            assertTrue(Files.isRegularFile(function.codeUri()), id + ": no jar at " + function.codeUri());
            String entry = function.handlerClass().replace('.', '/') + ".class";
            try (JarFile jar = new JarFile(function.codeUri().toFile())) {
                assertNotNull(jar.getJarEntry(entry), id + ": " + function.codeUri() + " has no " + entry);
            }
        }
    }
}
