package dev.coreoswatch.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers see the old content or the new, never a part: write a temporary
 * file beside it, force it to disk, then rename it over the target in one step.
 */
public final class AtomicFile {

    /** Runs after the temporary file is durable and before it replaces the target (tests inject faults here). */
    public interface BeforeCommit {
        void run(Path temporary) throws IOException;
    }

    private final Path target;
    private final BeforeCommit beforeCommit;

    public AtomicFile(Path target) {
        this(target, temporary -> {});
    }

    public AtomicFile(Path target, BeforeCommit beforeCommit) {
        this.target = target;
        this.beforeCommit = beforeCommit;
    }

    public void write(byte[] content) throws IOException {
        Path dir = target.getParent();
        Path temporary = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            beforeCommit.run(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary); // gone after a successful move; removes the leftover after a failure
        }
        syncDirectory(dir);
    }

    /** Makes the rename itself durable. Not every platform can open a directory; there it is skipped. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // The rename is still atomic; it may just not have reached the disk yet.
        }
    }
}
