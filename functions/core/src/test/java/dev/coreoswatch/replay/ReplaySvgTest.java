package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code replay --svg}: the picture is well-formed SVG, read back with the JDK's XML parser. */
class ReplaySvgTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Elements whose class list holds {@code cls}. */
    private static List<Element> withClass(Document doc, String cls) {
        List<Element> found = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (Arrays.asList(e.getAttribute("class").split(" ")).contains(cls)) {
                found.add(e);
            }
        }
        return found;
    }

    @Test
    void theShippedHistoryHasOneTickPerBuildAndOneMarkPerFailedDailyBuild() throws Exception {
        History shipped = History.shipped();
        ReplaySettings settings = ReplaySettings.of(
                WatchConfig.load(ConfigSource.of(Map.of())),
                shipped,
                Optional.empty(),
                Optional.empty(),
                ReplaySettings.DEFAULT_INTERVAL,
                ReplaySettings.DEFAULT_BUILD_DURATION);
        ReplayReport report = Replay.run(shipped, settings);
        Document svg = parse(ReplaySvg.write(report, shipped));
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        StreamSummary watch = report.watch().stream("stable");
        List<Element> ticks = withClass(svg, "build");
        assertEquals(watch.dispatched(), ticks.size());
        assertEquals(
                watch.builds().stream().map(b -> b.outcome().name()).toList(),
                ticks.stream().map(t -> t.getAttribute("class").split(" ")[1]).toList());
        assertEquals(
                report.baseline().stream("stable").failed(),
                withClass(svg, "baseline-failed").size() - 1,
                "one more in the legend");
        assertEquals(
                watch.holds().size(),
                withClass(svg, "hold-kernel").size() - 1,
                "every hold is a kernel hold; one more in the legend");
        assertEquals(
                1,
                withClass(svg, "kernel").stream()
                        .filter(e -> e.getLocalName().equals("polyline"))
                        .count(),
                "one line until the Fedora 44 kernels, which the history does not know");
        assertEquals(
                1,
                withClass(svg, "zfs-max").stream()
                        .filter(e -> e.getLocalName().equals("polyline"))
                        .count());
    }

    @Test
    void holdsAreShadedByTheirFirstReasonAndAnUnknownKernelIsAGap() throws Exception {
        TestHistory history = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.2", "5.10", "7.4")
                .release("2030-03-01", "51.20300215.3.0", "7.4.3")
                .release("2030-03-04T10:10:00Z", "51.20300301.3.0", "7.5.1")
                .release("2030-03-07T08:00:00Z", "51.20300301.3.1", "7.4.9")
                .releaseWithHiddenKernel("2030-03-10T00:00:00Z", "51.20300310.3.0", "7.6.0")
                .releaseWithUnknownKernel("2030-03-12T00:00:00Z", "52.20300311.3.0");
        ReplayReport report =
                Replay.run(history.build(), history.settings("coreos.blocked-versions", "51.20300301.3.1"));
        Document svg = parse(ReplaySvg.write(report, history.build()));
        // 7.5.1 is held (kernel), then the blocked 51.20300301.3.1 in the same hold; the hidden 7.6.0 fails twice and
        // is
        // held at the attempts limit until the release of 03-12, whose kernel nobody knows.
        List<Element> shaded = withClass(svg, "hold-kernel");
        shaded.addAll(withClass(svg, "hold-attempts"));
        List<Element> holds = shaded.stream()
                .filter(e -> e.getElementsByTagNameNS("*", "title").getLength() == 1)
                .toList();
        assertEquals(2, holds.size());
        assertTrue(
                holds.get(0)
                        .getTextContent()
                        .contains("then coreos 51.20300301.3.1 is listed in coreos.blocked-versions"),
                holds.get(0).getTextContent());
        assertTrue(
                holds.get(1).getTextContent().contains("(dispatch.max-attempts 2)"),
                holds.get(1).getTextContent());
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(4, watch.dispatched());
        assertEquals(watch.dispatched(), withClass(svg, "build").size());
        assertEquals(2, withClass(svg, "FAILED").size() - 1, "two failed runs, and the legend's tick");
        assertEquals(1, svg.getDocumentElement().getTextContent().split("kernel unknown from here", -1).length - 1);
    }

    @Test
    void escapeKeepsTheDocumentWellFormed() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; d", ReplaySvg.escape("a <b> & \"c\"\u0007d"));
    }
}
