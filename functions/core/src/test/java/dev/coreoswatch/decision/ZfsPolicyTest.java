package dev.coreoswatch.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Version;
import dev.coreoswatch.model.ZfsRelease;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZfsPolicyTest {

    /** "2.4.4", "2.5.0-rc1" (prerelease), "d:2.6.0" (draft) in any order. */
    private static List<ZfsRelease> releases(String list) {
        return Arrays.stream(list.split(" "))
                .map(s -> {
                    boolean draft = s.startsWith("d:");
                    String v = draft ? s.substring(2) : s;
                    boolean pre = v.contains("-rc");
                    Version version = Version.parse(pre ? v.substring(0, v.indexOf("-rc")) : v);
                    return new ZfsRelease("zfs-" + v, version, draft, pre, Optional.empty());
                })
                .toList();
    }

    @ParameterizedTest(name = "[{0}] series={1} dotZero={2} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // parallel lines shipped the same day, listed oldest line first: newest wins, not the first element
                "2.3.9 2.2.11 2.4.4 2.4.3          |     | false | 2.4.4",
                "2.4.9 2.4.10 2.3.12               |     | false | 2.4.10",
                // a new line's .0 waits for its .1 unless allowed
                "2.5.0 2.4.4 2.3.9                 |     | false | 2.4.4",
                "2.5.0 2.4.4 2.3.9                 |     | true  | 2.5.0",
                "2.5.1 2.5.0 2.4.4                 |     | false | 2.5.1",
                // nothing beyond .0 anywhere: take the newest
                "2.5.0 2.4.0                       |     | false | 2.5.0",
                // prereleases, drafts and .99 markers never count
                "2.5.0-rc2 d:2.5.1 2.4.99 2.4.3    |     | false | 2.4.3",
                // a pin keeps to its series, including its .0
                "2.4.4 2.3.9 2.3.8                 | 2.3 | false | 2.3.9",
                "2.5.0 2.4.4                       | 2.5 | false | 2.5.0",
                "2.40.1 2.4.2 2.4.10               | 2.4 | false | 2.4.10",
            })
    void choosesPerContract(String list, String series, boolean dotZero, String expected) {
        ZfsPolicy policy = new ZfsPolicy(Optional.ofNullable(series).map(Version::parse), dotZero);
        assertEquals(
                expected,
                policy.choose(releases(list.strip())).release().version().text());
    }

    @Test
    void pinWithoutReleaseIsAClearError() {
        ZfsPolicy policy = new ZfsPolicy(Optional.of(Version.parse("2.9")), false);
        NoZfsReleaseException e =
                assertThrows(NoZfsReleaseException.class, () -> policy.choose(releases("2.4.4 2.3.9")));
        assertTrue(e.getMessage().contains("2.9"), e.getMessage());
    }

    @Test
    void onlyPrereleasesIsAnError() {
        ZfsPolicy policy = new ZfsPolicy(Optional.empty(), false);
        assertThrows(NoZfsReleaseException.class, () -> policy.choose(releases("2.5.0-rc1 d:2.5.0")));
    }

    @Test
    void reasonSaysWhyANewerDotZeroWasPassedOver() {
        ZfsPolicy policy = new ZfsPolicy(Optional.empty(), false);
        String why = policy.choose(releases("2.5.0 2.4.4")).why();
        assertTrue(why.contains("2.5.0") && why.contains("zfs.allow-dot-zero"), why);
    }
}
