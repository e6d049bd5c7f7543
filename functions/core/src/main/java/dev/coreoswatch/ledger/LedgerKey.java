package dev.coreoswatch.ledger;

import dev.coreoswatch.model.Combination;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.StreamName;
import java.util.regex.Pattern;

/**
 * The identity of one combination (docs/contract.md section 6):
 * {@code <target image>|<stream>|<coreos version>|<zfs version>}. Parts are checked so that the
 * separator cannot appear inside one and two different combinations can never share a key.
 */
public record LedgerKey(String targetImage, String stream, String coreosVersion, String zfsVersion) {
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9._/:@-]{1,255}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z._-]{1,64}");

    public LedgerKey {
        require("target image", targetImage, IMAGE);
        StreamName.require(stream);
        require("coreos version", coreosVersion, VERSION);
        require("zfs version", zfsVersion, VERSION);
    }

    public static LedgerKey of(String targetImage, String stream, String coreosVersion, String zfsVersion) {
        return new LedgerKey(targetImage, stream, coreosVersion, zfsVersion);
    }

    /** The key of a combination built for a stream of an image; its kernels are not part of the identity. */
    public static LedgerKey of(String targetImage, String stream, Combination combination) {
        return new LedgerKey(targetImage, stream, combination.coreosVersion(), combination.zfsVersion());
    }

    /** Reads a key back from its stored form; anything that does not split into four valid parts is rejected. */
    public static LedgerKey parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\|", -1);
        if (parts.length != 4) {
            throw new InvalidValueException("ledger key", text);
        }
        return new LedgerKey(parts[0], parts[1], parts[2], parts[3]);
    }

    private static void require(String what, String value, Pattern shape) {
        if (value == null || !shape.matcher(value).matches()) {
            throw new InvalidValueException(what, value);
        }
    }

    @Override
    public String toString() {
        return targetImage + "|" + stream + "|" + coreosVersion + "|" + zfsVersion;
    }
}
