package dev.coreoswatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

/** The provider as the functions use it: found by SLF4J, one parseable JSON object per line on stdout. */
class JsonLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
        MDC.clear();
    }

    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(parse(line));
            }
        }
        return lines;
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), line);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object: " + line, e);
        }
    }

    @Test
    void slf4jFindsThisProvider() {
        assertInstanceOf(JsonLoggerFactory.class, LoggerFactory.getILoggerFactory());
    }

    @Test
    void aLineCarriesTimeLevelLoggerMessageAndTheMdc() {
        MDC.put("correlationId", "c0ffee00-0000-4000-8000-00000000000a");
        MDC.put("requestId", "7f0d8a4e-3c1b-4b7e-9a55-2f1e0d9c8b7a");
        Logger log = LoggerFactory.getLogger("dev.coreoswatch.invocation.WatcherService");

        log.info("stream {}: {}", "testing", "HOLD");

        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals("INFO", line.get("level").textValue());
        assertEquals(
                "dev.coreoswatch.invocation.WatcherService", line.get("logger").textValue());
        assertEquals("stream testing: HOLD", line.get("message").textValue());
        assertEquals(
                "c0ffee00-0000-4000-8000-00000000000a",
                line.get("correlationId").textValue());
        assertEquals(
                "7f0d8a4e-3c1b-4b7e-9a55-2f1e0d9c8b7a", line.get("requestId").textValue());
        Instant at = Instant.parse(line.get("timestamp").textValue());
        assertTrue(Math.abs(at.toEpochMilli() - System.currentTimeMillis()) < 60_000, at.toString());
    }

    @Test
    void keyValuePairsBecomeFieldsAndAListBecomesAnArray() {
        LoggerFactory.getLogger("evidence")
                .atInfo()
                .addKeyValue("stream", "next")
                .addKeyValue(
                        "evidence", List.of("coreos 45.20261020.2.0 from stream metadata", "zfs 2.4.6 (zfs-2.4.6)"))
                .addKeyValue("streams", 3)
                .addKeyValue("dryRun", true)
                .addKeyValue("runId", (Object) null)
                .addKeyValue("labels", Map.of("custom-coreos.zfs-version", "2.4.6"))
                .log("stream {} decided", "next");

        JsonNode line = lines().get(0);
        assertEquals("stream next decided", line.get("message").textValue());
        assertEquals("next", line.get("stream").textValue());
        assertTrue(line.get("evidence").isArray());
        assertEquals("zfs 2.4.6 (zfs-2.4.6)", line.get("evidence").get(1).textValue());
        assertEquals(3, line.get("streams").intValue());
        assertTrue(line.get("dryRun").booleanValue());
        assertTrue(line.get("runId").isNull());
        assertEquals(
                "2.4.6", line.get("labels").get("custom-coreos.zfs-version").textValue());
    }

    @Test
    void hostileTextStaysInsideItsStringAndTheLineStaysOneLine() {
        String hostile = "label \"x\"\n{\"level\":\"ERROR\"}\t\\ \u0000\u001b[31m \u2028 fin";
        MDC.put("correlationId", "id\nwith newline");

        LoggerFactory.getLogger("hostile").warn("read {}", hostile);

        String raw = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, raw.split("\n").length, raw);
        JsonNode line = lines().get(0);
        assertEquals("WARN", line.get("level").textValue());
        assertEquals("read " + hostile, line.get("message").textValue());
        assertEquals("id\nwith newline", line.get("correlationId").textValue());
    }

    /** Issue 13 D8: C1 controls and bidi overrides are escaped too, so a log viewer never acts on them. */
    @Test
    void c1AndBidiControlsAreEscapedNotWritten() {
        String hostile = "a\u009b31m b\u0085 c\u202e d\u2066 e\u200f f\u061c";

        LoggerFactory.getLogger("hostile").warn("read {}", hostile);

        String raw = captured.toString(StandardCharsets.UTF_8);
        for (char c : new char[] {'\u009b', '\u0085', '\u202e', '\u2066', '\u200f', '\u061c'}) {
            assertEquals(-1, raw.indexOf(c), () -> String.format("U+%04X written as it is: %s", (int) c, raw));
        }
        assertEquals(
                "read " + hostile, lines().get(0).get("message").textValue(), "the escapes decode to the text logged");
    }

    @Test
    void anExceptionKeepsItsTraceInsideTheOneLine() {
        IllegalStateException failure =
                new IllegalStateException("ledger unreachable", new ConnectException("refused"));

        LoggerFactory.getLogger("failing").error("stream {}: dispatch failed", "stable", failure);

        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals("stream stable: dispatch failed", line.get("message").textValue());
        assertEquals(
                "java.lang.IllegalStateException: ledger unreachable",
                line.get("exception").textValue());
        assertTrue(line.get("stackTrace").textValue().contains("Caused by: java.net.ConnectException: refused"));
    }

    @Test
    void aKeyNamedLikeAFixedFieldDoesNotRepeatIt() {
        MDC.put("message", "from the MDC");

        LoggerFactory.getLogger("clash").atInfo().addKeyValue("level", "kv").log("the message");

        JsonNode line = lines().get(0);
        assertEquals("the message", line.get("message").textValue());
        assertEquals("INFO", line.get("level").textValue());
        assertEquals("from the MDC", line.get("message_").textValue());
        assertEquals("kv", line.get("level_").textValue());
    }

    @Test
    void debugIsOffByDefault() {
        Logger log = LoggerFactory.getLogger("quiet");
        log.debug("not written");
        log.atDebug().addKeyValue("k", "v").log("not written either");

        assertFalse(log.isDebugEnabled());
        assertEquals(List.of(), lines());
    }

    @Test
    void theThresholdFollowsLambdasLevelNames() {
        assertEquals(Level.INFO, Threshold.parse(null));
        assertEquals(Level.INFO, Threshold.parse("verbose"));
        assertEquals(Level.DEBUG, Threshold.parse("debug"));
        assertEquals(Level.TRACE, Threshold.parse("TRACE"));
        assertEquals(Level.WARN, Threshold.parse(" WARN "));
        assertEquals(Level.ERROR, Threshold.parse("FATAL"));

        Clock fixed = Clock.fixed(Instant.parse("2026-09-03T12:30:00.125Z"), ZoneOffset.UTC);
        JsonLoggerFactory warnOnly =
                new JsonLoggerFactory(Level.WARN, new JsonLineWriter(() -> System.out, new BasicMDCAdapter(), fixed));
        Logger log = warnOnly.getLogger("x");
        log.info("dropped");
        log.atInfo().log("dropped too");
        log.warn("kept");
        log.atError().log("kept too");

        List<JsonNode> lines = lines();
        assertEquals(
                List.of("kept", "kept too"),
                lines.stream().map(l -> l.get("message").textValue()).toList());
        assertEquals("2026-09-03T12:30:00.125Z", lines.get(0).get("timestamp").textValue());
    }

    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    MDC.put("correlationId", "thread-" + thread);
                    Logger log = LoggerFactory.getLogger("thread." + thread);
                    for (int i = 0; i < 200; i++) {
                        log.info(
                                "line {} of thread {} with some padding to make the line longer than a buffer {}",
                                i,
                                thread,
                                "x".repeat(300));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonNode> lines = lines();
        assertEquals(1600, lines.size());
        for (JsonNode line : lines) {
            String logger = line.get("logger").textValue();
            assertEquals(
                    "thread-" + logger.substring("thread.".length()),
                    line.get("correlationId").textValue());
        }
    }
}
