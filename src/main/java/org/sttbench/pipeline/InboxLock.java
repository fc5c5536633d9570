package org.sttbench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sttbench.BadInputException;

/**
 * One sttbench per inbox. Two processes reading one inbox would each take the other's files for
 * orphans and run the same plan twice; so {@code run} holds an operating-system lock on
 * {@code inbox/.sttbench.lock} for as long as it runs, and writes its pid and host into the file so a
 * second one can say who holds it. The system drops the lock when its holder dies, however it dies: a
 * lock file whose holder is gone is taken over, with a warning naming the old holder.
 */
public final class InboxLock implements AutoCloseable {
    public static final String FILE = ".sttbench.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private InboxLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws a BadInputException naming the holder. */
    public static InboxLock acquire(Path inbox, PrintStream console) {
        Path file = inbox.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(inbox);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process, through another channel
            }
            String previous = read(channel);
            if (lock == null) {
                channel.close();
                throw new BadInputException("inbox " + inbox + " is in use by " + describe(previous)
                        + "; one sttbench per inbox");
            }
            if (!previous.isBlank()) {
                console.println("warning: taking over the inbox lock of " + describe(previous)
                        + ", which is no longer running");
            }
            String me = ProcessHandle.current().pid() + " " + hostName() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new InboxLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BadInputException("cannot lock the inbox " + inbox + ": " + e.getMessage(), e);
        }
    }

    /** Empties the file (a clean stop leaves no holder to warn about) and drops the lock. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            // the lock goes with the channel anyway
        }
        closeQuietly(channel);
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    private static String describe(String content) {
        String[] parts = content.trim().split("\\s+", 2);
        if (parts.length < 2 || parts[0].isEmpty()) {
            return "another sttbench process";
        }
        return "pid " + parts[0] + " on " + parts[1];
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "an unknown host" : env;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
