package dev.coreoswatch.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A directory with a function jar made of the test handlers ({@code dev.coreoswatch.local.handlers}) and a
 * template.yaml whose functions run them, shaped like the project's own template.
 */
final class FunctionFixture {

    static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              TargetImage: {Type: String}
            Globals:
              Function:
                Runtime: java21
                MemorySize: 256
                Timeout: 20
                LoggingConfig: {LogFormat: JSON}
                Environment:
                  Variables:
                    GREETING: hello from the template
                    TARGET_IMAGE: !Ref TargetImage
            Resources:
              EchoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/handlers.jar
                  Handler: dev.coreoswatch.local.handlers.EchoHandler::handleRequest
              FailingFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/handlers.jar
                  Handler: dev.coreoswatch.local.handlers.FailingHandler::handleRequest
              InitFailingFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/handlers.jar
                  Handler: dev.coreoswatch.local.handlers.InitFailingHandler::handleRequest
              ContextFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/handlers.jar
                  Handler: dev.coreoswatch.local.handlers.ContextHandler::handleRequest
                  MemorySize: 320
              BlockingFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/handlers.jar
                  Handler: dev.coreoswatch.local.handlers.BlockingHandler::handleRequest
                  Timeout: 1
              SlowBlockingFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/handlers.jar
                  Handler: dev.coreoswatch.local.handlers.BlockingHandler::handleRequest
                  Timeout: 300
              ExitingFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/handlers.jar
                  Handler: dev.coreoswatch.local.handlers.ExitingHandler::handleRequest
              MissingJarFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: build/not-built.jar
                  Handler: dev.coreoswatch.local.handlers.EchoHandler::handleRequest
            """;

    private FunctionFixture() {}

    /** Writes template.yaml and build/handlers.jar under {@code dir}; returns the template. */
    static Path create(Path dir) throws IOException {
        Path jar = dir.resolve("build/handlers.jar");
        Files.createDirectories(jar.getParent());
        writeHandlerJar(jar);
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, TEMPLATE);
        return template;
    }

    /** The runtime interface client's class path, resolved by the build into target/ric.classpath. */
    static String ricClasspath() throws IOException {
        String file = System.getProperty("coreos.watch.ric.classpath.file");
        if (file == null) {
            throw new IllegalStateException("run through Maven: coreos.watch.ric.classpath.file is not set");
        }
        return Files.readString(Path.of(file)).strip();
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static void writeHandlerJar(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(FunctionFixture.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path handlers = classes.resolve("dev/coreoswatch/local/handlers");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> entries = Files.list(handlers)) {
            for (Path entry : entries.filter(p -> p.toString().endsWith(".class"))
                    .sorted()
                    .toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(entry));
                out.closeEntry();
            }
        }
    }
}
