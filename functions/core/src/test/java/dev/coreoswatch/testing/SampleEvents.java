package dev.coreoswatch.testing;

import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.model.ImageLabels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events of realistic shape for tests, with numbers unlike the shared samples. */
public final class SampleEvents {
    public static final Observed OBSERVED = new Observed(
            "next",
            "45.20260901.1.0",
            "2.4.5",
            List.of(
                    new ObservedArch("x86_64", "7.2.3-100.fc45.x86_64", "COMPATIBLE", "4.18-7.3"),
                    new ObservedArch("aarch64", null, "UNKNOWN", "4.18-7.3")),
            true,
            Instant.parse("2026-09-03T12:30:00Z"),
            "c0ffee00-0000-4000-8000-000000000001");

    private SampleEvents() {}

    public static BusEvent.BuildRequired required() {
        Map<String, ImageLabels> existing = new LinkedHashMap<>();
        existing.put("x86_64", new ImageLabels("45.20260820.1.0", "2.4.5", "7.2.1-100.fc45.x86_64"));
        existing.put("aarch64", null);
        return new BusEvent.BuildRequired(
                OBSERVED,
                "linux/arm64 of ghcr.io/acme/custom-coreos:next is missing",
                List.of("x86_64", "aarch64"),
                existing);
    }

    /** The full EventBridge envelope a Lambda target receives. */
    public static byte[] envelope(String detailType, String detail) {
        return ("{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"detail-type\":\"" + detailType
                        + "\","
                        + "\"source\":\"coreos-watch\",\"account\":\"111122223333\",\"time\":\"2026-09-03T12:30:01Z\",\"region\":\"eu-west-1\","
                        + "\"resources\":[],\"detail\":" + detail + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
