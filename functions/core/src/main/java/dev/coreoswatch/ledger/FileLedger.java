package dev.coreoswatch.ledger;

import dev.coreoswatch.json.JsonFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line's ledger: {@code ledger.json} in the state directory. Every operation reads,
 * changes and atomically replaces the whole file while holding {@code ledger.lock}, so two runs
 * on one machine (or two threads) cannot both claim a combination.
 */
public final class FileLedger implements Ledger {
    public static final String FILE_NAME = "ledger.json";
    static final String LOCK_NAME = "ledger.lock";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Path file;
    private final LockedFile lock;
    private final AtomicFile writer;

    public FileLedger(Path stateDir) {
        this(stateDir, LOCK_WAIT, temporary -> {});
    }

    FileLedger(Path stateDir, Duration lockWait, AtomicFile.BeforeCommit beforeCommit) {
        Path dir;
        try {
            dir = Files.createDirectories(stateDir).toRealPath();
        } catch (IOException e) {
            throw new LedgerException(
                    "cannot create state directory " + stateDir + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
        this.file = dir.resolve(FILE_NAME);
        this.lock = new LockedFile(dir.resolve(LOCK_NAME), lockWait);
        this.writer = new AtomicFile(file, beforeCommit);
    }

    public Path file() {
        return file;
    }

    @Override
    public ClaimResult claim(LedgerKey key, ClaimDetails details, Instant now, Duration window) {
        Ledger.newClaim(key, details, now, window); // validates before the lock is taken
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return locked("claim " + key, () -> {
            Map<LedgerKey, LedgerEntry> entries = read();
            LedgerEntry existing = entries.get(key);
            if (existing != null && !existing.claimableAt(at)) {
                return new ClaimResult.AlreadyClaimed(existing);
            }
            LedgerEntry wanted = Ledger.newClaim(key, details, now, window, existing);
            // Drop what even the status view no longer needs, so the file does not grow forever.
            entries.values()
                    .removeIf(e -> e.prunable() && e.expiresAt().plus(TRAIL).isBefore(at));
            entries.put(key, wanted);
            writer.write(LedgerFileFormat.write(entries.values()));
            return new ClaimResult.Claimed(wanted);
        });
    }

    @Override
    public LedgerEntry recordDispatched(LedgerKey key, Long runId, String runUrl, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return update(key, "record the dispatch of", e -> e.dispatched(runId, runUrl, at));
    }

    @Override
    public LedgerEntry markUncertain(LedgerKey key, String reason, Instant now) {
        Objects.requireNonNull(reason, "reason");
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return update(key, "mark uncertain", e -> e.uncertain(reason, at));
    }

    @Override
    public Optional<LedgerEntry> recordOutcome(LedgerKey key, LedgerEntry seen, LedgerOutcome outcome, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return locked("record the outcome of " + key, () -> {
            Map<LedgerKey, LedgerEntry> entries = read();
            LedgerEntry existing = entries.get(key);
            if (!seen.sameClaim(existing)) {
                return Optional.<LedgerEntry>empty();
            }
            LedgerEntry changed = existing.completed(outcome, at);
            entries.put(key, changed);
            writer.write(LedgerFileFormat.write(entries.values()));
            return Optional.of(changed);
        });
    }

    @Override
    public boolean markNotified(LedgerKey key, boolean told, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return locked("mark the outcome of " + key + " told", () -> {
            Map<LedgerKey, LedgerEntry> entries = read();
            LedgerEntry existing = entries.get(key);
            if (existing == null || !existing.status().completed() || existing.outcomeNotified() == told) {
                return false;
            }
            entries.put(key, existing.notified(told, at));
            writer.write(LedgerFileFormat.write(entries.values()));
            return true;
        });
    }

    @Override
    public void release(LedgerKey key) {
        locked("release " + key, () -> {
            Map<LedgerKey, LedgerEntry> entries = read();
            if (entries.remove(key) != null) {
                writer.write(LedgerFileFormat.write(entries.values()));
            }
            return null;
        });
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        return reading("read " + key, () -> Optional.ofNullable(read().get(key)));
    }

    @Override
    public List<LedgerEntry> list() {
        return reading("list entries", () -> new ArrayList<>(read().values()));
    }

    private LedgerEntry update(LedgerKey key, String what, Function<LedgerEntry, LedgerEntry> change) {
        return locked(what + " " + key, () -> {
            Map<LedgerKey, LedgerEntry> entries = read();
            LedgerEntry existing = entries.get(key);
            if (existing == null) {
                throw new LedgerException(
                        "cannot " + what + " " + key + ": the ledger " + file + " holds no claim for it");
            }
            LedgerEntry changed = change.apply(existing);
            entries.put(key, changed);
            writer.write(LedgerFileFormat.write(entries.values()));
            return changed;
        });
    }

    private Map<LedgerKey, LedgerEntry> read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return LedgerFileFormat.empty();
        }
        try {
            return LedgerFileFormat.read(content);
        } catch (JsonFormatException e) {
            throw new LedgerException(
                    "ledger " + file + " is corrupt (" + e.getMessage() + "); repair or remove it by hand:"
                            + " it is not read as empty because that could dispatch a combination twice");
        }
    }

    private <T> T locked(String what, LockedFile.Action<T> action) {
        return guarded(what, () -> lock.call(action));
    }

    /** Reads take the lock too, but a state directory this user may not write (status, a dry run) does not stop them. */
    private <T> T reading(String what, LockedFile.Action<T> action) {
        return guarded(what, () -> lock.read(action));
    }

    private <T> T guarded(String what, LockedFile.Action<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new LedgerException(
                    "cannot " + what + " in " + file + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
    }
}
