package dev.coreoswatch.functiontests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of docs/contract.md sections 4 and 5 ({@code docs/schemas}), read from the working tree so that
 * a change to a schema is tested at once. Their {@code $id}s live under {@link #BASE}, a host that never resolves; the
 * registry maps it to the files and fetches nothing.
 */
final class ContractSchemas {
    static final String BASE = "https://coreos-watch.invalid/schemas/";
    static final Path DIRECTORY = Path.of(System.getProperty("coreos.watch.root", "../.."), "docs", "schemas");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(ContractSchemas::file));
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    /** The schema file of a report ({@code report}) or of an event's detail-type ({@code events/BuildRequired}). */
    static Path path(String name) {
        return DIRECTORY.resolve(name + ".schema.json");
    }

    /** Every violation of the named schema by this JSON text, each naming where it is. */
    static List<String> violations(String name, String json) {
        Schema schema =
                COMPILED.computeIfAbsent(name, n -> REGISTRY.getSchema(SchemaLocation.of(BASE + n + ".schema.json")));
        return schema.validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    static void assertValid(String name, String json) {
        assertEquals(List.of(), violations(name, json), name + ".schema.json against " + json);
    }

    static void assertEventDetail(String detailType, String detail) {
        assertValid("events/" + detailType, detail);
    }

    static void assertReport(String report) {
        assertValid("report", report);
    }

    private static String file(String iri) {
        if (!iri.startsWith(BASE)) {
            return null;
        }
        try {
            return Files.readString(DIRECTORY.resolve(iri.substring(BASE.length())));
        } catch (IOException e) {
            throw new UncheckedIOException("no schema " + iri + " under " + DIRECTORY, e);
        }
    }
}
