package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;

/**
 * What the fault tests share: alice and bob logged in in this framework, bob accepting into a
 * download directory, every transfer event recorded; and the checks of what a broken-off transfer
 * leaves behind and of the resend that continues it.
 */
public abstract class FaultCase extends InFramework {

    protected static final Duration DONE = Duration.ofSeconds(300);
    /** How long a side may take to notice a fault: beyond every grace period, short of the idle timeout (60 s). */
    protected static final Duration NOTICED = Duration.ofSeconds(50);
    /** What has to have moved before the fault comes: well past the start, far from the end. */
    protected static final long MOVED = 8L << 20;
    protected static final String ALICE = "alice@localhost";
    protected static final String BOB = "bob@localhost";
    protected static final String BOB_HERE = "bob@localhost/itest";
    protected static final String FILE_TRANSFER = "http://jabber.org/protocol/si/profile/file-transfer";

    protected final EventLog events = new EventLog();
    /** This test's folder (sources in {@code outbox/}, processes' etc folders). */
    protected Path root;
    /** Where bob in this framework stores what he accepts. */
    protected Path downloads;
    protected FileTransferService alice;
    protected FileTransferService bob;

    /** A passed test's files go (hundreds of MiB); a failed test's stay to be looked at. */
    @Rule
    public final TestWatcher cleanUp = new TestWatcher() {
        @Override
        protected void succeeded(Description description) {
            if (root != null) {
                deleteTree(root);
            }
        }
    };

    @Before
    public void logInAndListen() throws Exception {
        root = TestFiles.tempDir(getClass().getSimpleName() + "-" + SiftRuntime.framework() + "-");
        acceptInto(root.resolve("downloads"));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.ensureAccount(configAdmin, "bob");
        loggedIn();
        events.listenIn(context);
    }

    @After
    public void stopListening() {
        events.close();
    }

    /** bob in this framework accepts every offer into {@code directory} from now on. */
    protected void acceptInto(Path directory) throws Exception {
        downloads = directory;
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(directory));
    }

    /** Waits until both accounts are logged in (again) and takes their current services. */
    protected void loggedIn() throws InterruptedException {
        alice = TransferSetup.service(context, "alice");
        bob = TransferSetup.service(context, "bob");
    }

    protected static SendOptions only(String method) {
        return SendOptions.defaults().withMethods(List.of(method)).withFallback(false);
    }

    protected Path source(String name, long size) throws IOException {
        return TestFiles.random(root.resolve("outbox"), name, size, name.hashCode());
    }

    /** bob's incoming transfer of {@code name} here, once more than {@link #MOVED} bytes of it arrived. */
    protected Transfer awaitReceiving(String name) throws InterruptedException {
        Await.until(DONE, "bob has received " + MOVED + " bytes of " + name,
                () -> receiving(name).filter(t -> t.bytesTransferred() > MOVED).isPresent());
        return receiving(name).orElseThrow();
    }

    private Optional<Transfer> receiving(String name) {
        return bob.transfers().stream()
                .filter(t -> t.direction() == Direction.INCOMING && t.fileName().equals(name) && !t.state().isFinal())
                .findFirst();
    }

    /** bob's incoming transfer of {@code name} here that completed, once it did (the resend's). */
    protected Transfer awaitCompletedHere(String name) throws InterruptedException {
        events.await(DONE, "bob completes " + name, e -> e.account().equals(BOB)
                && e.direction() == Direction.INCOMING && e.fileName().equals(name)
                && e.type() == TransferEvent.Type.COMPLETED);
        return bob.transfers().stream()
                .filter(t -> t.direction() == Direction.INCOMING && t.fileName().equals(name)
                        && t.state() == TransferState.COMPLETED)
                .findFirst().orElseThrow();
    }

    /** The first final event of {@code account}'s transfer of {@code name}: the one the fault ended. */
    protected TransferEvent awaitBrokenOff(String account, Direction direction, String name)
            throws InterruptedException {
        TransferEvent end = events.awaitEnd(NOTICED, account, direction, name);
        assertTrue(end.toString(), end.type() == TransferEvent.Type.FAILED
                || end.type() == TransferEvent.Type.CANCELLED);
        return end;
    }

    /**
     * Waits until all that is left of {@code name} in {@code directory} is its partial file and what
     * it belongs to (no final file), and returns how many bytes the partial file keeps.
     */
    protected static long awaitKeptPart(Path directory, String name) throws Exception {
        List<String> kept = List.of("." + name + ".part.sift", name + ".part");
        Await.until(Duration.ofSeconds(10), "only " + kept + " left in " + directory,
                () -> filesOf(directory, name).equals(kept));
        long size = Files.size(directory.resolve(name + ".part"));
        assertTrue("the partial file keeps bytes", size > 0);
        return size;
    }

    /** Only the final file of {@code source} is left in {@code directory}, with the same content. */
    protected static void assertStoredAlone(Path directory, Path source) throws IOException {
        String name = source.getFileName().toString();
        assertEquals(List.of(name), filesOf(directory, name));
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(directory.resolve(name)));
    }

    /** The files in {@code directory} whose names contain {@code name}, sorted. */
    private static List<String> filesOf(Path directory, String name) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(name))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A transfer (either side) continued {@code kept} bytes of {@code source}: only the rest moved,
     * and the whole file was checked against the source's SHA-256.
     */
    protected static void assertResumed(Transfer done, Path source, long kept) throws IOException {
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        assertTrue(done.toString(), done.verified());
        assertEquals("bytes kept from the broken-off transfer", kept, done.resumedFrom());
        assertEquals("bytes moved by the resend", Files.size(source) - kept, done.bytesTransferred());
        assertEquals(TestFiles.sha256(source), done.sha256().orElseThrow());
    }

    private static void deleteTree(Path top) {
        try (Stream<Path> tree = Files.walk(top)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + top, e);
        }
    }

    /**
     * The figures of one fault, for the reports: how long after the fault the other side ended its
     * transfer and why, and what the resend kept and moved.
     */
    protected static void report(String fault, TransferEvent noticed, Instant faultAt, Transfer resend) {
        System.out.printf("[%s] %s: %s's %s %s transfer ended %s %d ms after it (%s); the resend kept %d of %d bytes"
                + " and moved %d%n", SiftRuntime.framework(), fault, noticed.account(), noticed.direction(),
                noticed.streamMethod().map(StreamMethods::shortName).orElse("-"), noticed.type(),
                Duration.between(faultAt, noticed.time()).toMillis(),
                noticed.failure().map(Object::toString).orElse("no failure"), resend.resumedFrom(), resend.size(),
                resend.bytesTransferred());
    }
}
