package dev.coreoswatch.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a lock file, between threads and between processes. A {@link FileLock} is
 * held per JVM, not per thread (a second lock from the same JVM throws
 * {@code OverlappingFileLockException}), so threads first queue on a JVM-wide lock for the same
 * real path and only the holder takes the OS lock.
 */
final class LockedFile {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(20);

    interface Action<T> {
        T run() throws IOException;
    }

    private final Path lockFile;
    private final Duration wait;

    /** {@code lockFile} must be a real path (symlinks resolved), so that every alias shares one JVM lock. */
    LockedFile(Path lockFile, Duration wait) {
        this.lockFile = lockFile;
        this.wait = wait;
    }

    <T> T call(Action<T> action) throws IOException {
        return call(action, false);
    }

    /**
     * As {@link #call}, for an action that only reads: where the lock file cannot be created (a
     * read-only or foreign state directory) it runs without the OS lock. That is safe for a read,
     * because writers replace the ledger by an atomic rename: a reader sees one whole version.
     */
    <T> T read(Action<T> action) throws IOException {
        return call(action, true);
    }

    private <T> T call(Action<T> action, boolean readOnly) throws IOException {
        ReentrantLock local = IN_JVM.computeIfAbsent(lockFile, p -> new ReentrantLock());
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LedgerException("ledger lock " + lockFile + " is held by another thread for more than "
                        + wait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for ledger lock " + lockFile);
        }
        try {
            FileChannel channel = open(readOnly);
            if (channel == null) {
                return action.run();
            }
            try (channel) {
                FileLock lock = acquire(channel, deadline);
                try {
                    return action.run();
                } finally {
                    lock.release();
                }
            }
        } finally {
            local.unlock();
        }
    }

    /** The lock file, open for writing; null for a read where it cannot be created. */
    private FileChannel open(boolean readOnly) throws IOException {
        try {
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (FileSystemException notWritable) {
            if (readOnly) {
                return null;
            }
            throw notWritable;
        }
    }

    /** Polls rather than blocks so that a hung process holding the lock ends in an error, not a hang. */
    private FileLock acquire(FileChannel channel, long deadline) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new LedgerException("ledger lock " + lockFile + " is held by another process for more than "
                        + wait.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException("interrupted while waiting for ledger lock " + lockFile);
            }
        }
    }
}
