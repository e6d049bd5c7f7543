package dev.coreoswatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.notify.Notification;
import dev.coreoswatch.notify.NotificationText;
import dev.coreoswatch.report.EvidenceWriter;
import dev.coreoswatch.report.ReportTable;
import dev.coreoswatch.testing.Gen;
import dev.coreoswatch.testing.SampleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whatever text an upstream, a registry or GitHub sends, no C0 or C1 control, line or paragraph
 * separator, bidirectional control or lone surrogate reaches what a reader sees: messages, the
 * table, {@code --explain} and notifications. (The JSON log lines are covered in json-logging.)
 */
class GeneratedRenderingTest {
    @Test
    void quotedAndExcerptedTextIsClean() {
        Gen.forAll("Printable.quote/excerpt", gen -> gen.text(120), text -> {
            assertClean(Printable.quote(text), false);
            assertClean(Printable.excerpt(text, gen(text)), false);
        });
    }

    @Test
    void reasonAndEvidenceAreCleanInTheTableAndExplain() {
        Gen.forAll("ReportTable/EvidenceWriter", gen -> List.of(gen.text(80), gen.text(80), gen.text(60)), texts -> {
            Decision decision = new Decision(
                    "stable",
                    "44.20260707.3.1",
                    "2.4.10",
                    Action.ERROR,
                    texts.get(0),
                    List.of(),
                    new DispatchResult(DispatchStatus.FAILED, null, texts.get(2)),
                    List.of(texts.get(1)));
            Report report = new Report(Instant.EPOCH, true, "ghcr.io/acme/custom-coreos", List.of(decision), List.of());
            assertClean(ReportTable.write(report, false), true);
            assertClean(EvidenceWriter.write(report), true);
        });
    }

    @Test
    void notificationsAreClean() {
        Gen.forAll("NotificationText", gen -> gen.text(100), reason -> {
            for (Notification n : List.of(
                    Notification.held(SampleEvents.OBSERVED, reason),
                    Notification.failed(SampleEvents.OBSERVED, reason))) {
                NotificationText.Rendered rendered =
                        NotificationText.render(n, Optional.empty(), "ghcr.io/acme/custom-coreos");
                assertClean(rendered.subject(), false);
                assertClean(rendered.message(), true);
            }
        });
    }

    @Test
    void regressionD8EveryC1SeparatorAndBidiControlIsReplaced() {
        String hostile =
                "a\u009b31mRED\u0085b\u2028c\u2029d\u202ae\u202bf\u202cg\u202dh\u202ei\u2066j\u2067k\u2068l\u2069m\u200e\u200f\u061c";
        assertEquals("a?31mRED?b?c?d?e?f?g?h?i?j?k?l?m???", Printable.excerpt(hostile, 200));
        assertTrue(
                Printable.quote(hostile).contains("\\u009b")
                        && Printable.quote(hostile).contains("\\u202e"),
                Printable.quote(hostile));
    }

    private static int gen(String text) {
        return 1 + Math.floorMod(text.hashCode(), 100);
    }

    /** Only our own line breaks may appear, and only where {@code lines} says the output has several. */
    static void assertClean(String out, boolean lines) {
        String checked = lines ? out.replace('\n', ' ') : out;
        assertTrue(Printable.isClean(checked), () -> "an unsafe character survives in " + Gen.show(out));
    }
}
