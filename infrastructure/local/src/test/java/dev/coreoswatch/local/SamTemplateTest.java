package dev.coreoswatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    @TempDir
    Path dir;

    private SamTemplate write(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return SamTemplate.load(file);
    }

    @Test
    void shortFormTagsBecomeTheirLongForm() {
        Map<String, Object> root = CloudFormationYaml.parse("""
                a: !Ref Bus
                b: !GetAtt Queue.Arn
                c: !GetAtt [Queue, QueueName]
                d: !Sub ${AWS::StackName}-events
                e: !If [HasMail, !Ref Mail, !Ref AWS::NoValue]
                f: !Not [!Equals [!Ref Mail, '']]
                g: !Join [',', [a, b]]
                h: !Select [0, !Split [',', 'x,y']]
                i: !FindInMap [M, k, v]
                j: !Condition HasMail
                k: !And [!Condition A, !Or [!Condition B, !Condition C]]
                l: !Base64 text
                m: !GetAZs ''
                n: !ImportValue shared-bus
                """);

        assertEquals(Map.of("Ref", "Bus"), root.get("a"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), root.get("b"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "QueueName")), root.get("c"));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-events"), root.get("d"));
        assertEquals(
                Map.of("Fn::If", List.of("HasMail", Map.of("Ref", "Mail"), Map.of("Ref", "AWS::NoValue"))),
                root.get("e"));
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Mail"), "")))), root.get("f"));
        assertEquals(Map.of("Fn::Join", List.of(",", List.of("a", "b"))), root.get("g"));
        assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "x,y")))), root.get("h"));
        assertEquals(Map.of("Fn::FindInMap", List.of("M", "k", "v")), root.get("i"));
        assertEquals(Map.of("Condition", "HasMail"), root.get("j"));
        assertEquals(
                Map.of(
                        "Fn::And",
                        List.of(
                                Map.of("Condition", "A"),
                                Map.of("Fn::Or", List.of(Map.of("Condition", "B"), Map.of("Condition", "C"))))),
                root.get("k"));
        assertEquals(Map.of("Fn::Base64", "text"), root.get("l"));
        assertEquals(Map.of("Fn::GetAZs", ""), root.get("m"));
        assertEquals(Map.of("Fn::ImportValue", "shared-bus"), root.get("n"));
    }

    @Test
    void getAttWithoutAttributeIsRejected() {
        TemplateException e = assertThrows(TemplateException.class, () -> CloudFormationYaml.parse("a: !GetAtt Queue"));
        assertTrue(e.getMessage().contains("Resource.Attribute"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() {
        TemplateException e = assertThrows(TemplateException.class, () -> CloudFormationYaml.parse("""
                Resources:
                  Bus: {Type: AWS::Events::EventBus}
                  Bus: {Type: AWS::SQS::Queue}
                """));
        assertTrue(e.getMessage().contains("Bus"), e.getMessage());
    }

    @Test
    void malformedYamlAndNonMappingsGetClearErrors() {
        assertTrue(assertThrows(TemplateException.class, () -> CloudFormationYaml.parse("a: [unclosed"))
                .getMessage()
                .startsWith("template is not valid YAML"));
        assertTrue(assertThrows(TemplateException.class, () -> CloudFormationYaml.parse("- just\n- a list\n"))
                .getMessage()
                .contains("mapping at the top level"));
    }

    @Test
    void globalsMergeAsSamMergesThem() throws IOException {
        SamTemplate template = write("""
                Globals:
                  Function:
                    Runtime: java21
                    MemorySize: 256
                    Layers: [global-layer]
                    LoggingConfig: {LogFormat: JSON}
                    Environment:
                      Variables: {SHARED: one, OVERRIDDEN: global}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: build/fn.jar
                      Handler: a.B::handleRequest
                      MemorySize: 512
                      Layers: [own-layer]
                      LoggingConfig: {LogGroup: !Ref Logs}
                      Environment:
                        Variables: {OVERRIDDEN: local, OWN: two}
                """);

        Map<String, Object> props = template.effectiveProperties("Fn");

        assertEquals("java21", props.get("Runtime"));
        assertEquals(512, props.get("MemorySize"));
        assertEquals(List.of("global-layer", "own-layer"), props.get("Layers"));
        assertEquals(Map.of("LogFormat", "JSON", "LogGroup", Map.of("Ref", "Logs")), props.get("LoggingConfig"));
        assertEquals(
                Map.of("Variables", Map.of("SHARED", "one", "OVERRIDDEN", "local", "OWN", "two")),
                props.get("Environment"));
    }

    @Test
    void functionDefinitionResolvesCodeUriAgainstTheTemplatesDirectory() throws IOException {
        SamTemplate template = write("""
                Globals:
                  Function:
                    Timeout: 45
                    Environment:
                      Variables: {LITERAL: text, FROM_PARAMETER: !Ref P}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/x/target/x.jar
                      Handler: dev.example.Handler::handleRequest
                """);

        FunctionDefinition fn = template.function("Fn");

        assertEquals(dir.resolve("functions/x/target/x.jar").toAbsolutePath(), fn.codeUri());
        assertEquals("dev.example.Handler", fn.handlerClass());
        assertEquals(Duration.ofSeconds(45), fn.timeout());
        assertEquals(128, fn.memoryMb(), "Lambda's default");
        assertEquals("Text", fn.logFormat());
        assertEquals(
                Map.of("LITERAL", "text"), fn.literalEnvironment(), "values from parameters are unknown before deploy");
    }

    @Test
    void functionWithoutLiteralHandlerOrWithBadMemoryIsRejected() throws IOException {
        SamTemplate template = write("""
                Resources:
                  NoHandler:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: x.jar, Handler: !Ref H}
                  BadMemory:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: x.jar, Handler: a.B, MemorySize: lots}
                  Queue:
                    Type: AWS::SQS::Queue
                """);

        assertTrue(assertThrows(TemplateException.class, () -> template.function("NoHandler"))
                .getMessage()
                .contains("has no literal Handler"));
        assertTrue(assertThrows(TemplateException.class, () -> template.function("BadMemory"))
                .getMessage()
                .contains("MemorySize lots"));
        assertTrue(assertThrows(TemplateException.class, () -> template.function("Queue"))
                .getMessage()
                .contains("functions are [NoHandler, BadMemory]"));
    }

    @Test
    void missingTemplateFileIsNamed() {
        TemplateException e = assertThrows(TemplateException.class, () -> SamTemplate.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml does not exist"), e.getMessage());
    }
}
