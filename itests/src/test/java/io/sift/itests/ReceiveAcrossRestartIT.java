package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferState;

/**
 * The runnable jar's {@code receive} keeps its account across a restart of the server: one file
 * arrives before the restart and one after, and it prints a result line for each and exits 0. The
 * sender is alice in this framework, which follows the restart by its own services.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReceiveAcrossRestartIT extends InFramework {

    private static final Duration DONE = Duration.ofSeconds(120);
    /** The account logs in again with growing pauses (0.5 s doubling): a few of them after a restart. */
    private static final Duration BACK = Duration.ofSeconds(120);
    private static final String RECEIVER = "bob@localhost/jar";
    private static final String FILE_TRANSFER = "http://jabber.org/protocol/si/profile/file-transfer";

    @Test
    public void receiveGivesAResultLineForAFileBeforeAndAFileAfterTheServerRestarts() throws Exception {
        Path root = TestFiles.tempDir("restart-" + SiftRuntime.framework());
        Path into = root.resolve("received");
        Path before = TestFiles.random(root.resolve("outbox"), "before-restart.bin", 300_000, 1);
        Path after = TestFiles.random(root.resolve("outbox"), "after-restart.bin", 400_000, 2);
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(root.resolve("alice")));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.service(context, "alice");

        try (PeerProcess bob = SiftJar.receiver("jar", root, into, 2)) {
            sendAndCheck(bob, before);

            LocalProsody.stop();
            try {
                Services.awaitAbsent(context, FileTransferService.class, Services.jidFilter("alice@localhost"), BACK);
                bob.awaitLine("Offline", l -> l.startsWith("Offline: bob@localhost"), BACK);
            } finally {
                LocalProsody.start();
            }
            bob.awaitLine("Online again", l -> l.equals("Online again: bob@localhost"), BACK);
            sendAndCheck(bob, after);

            assertEquals(0, bob.exitCode(DONE));
            assertEquals(TestFiles.sha256(before), TestFiles.sha256(into.resolve("before-restart.bin")));
            assertEquals(TestFiles.sha256(after), TestFiles.sha256(into.resolve("after-restart.bin")));
            System.out.println("[" + SiftRuntime.framework() + "] " + bob);
        }
    }

    /** alice sends the file to the jar, which prints its result line. */
    private void sendAndCheck(PeerProcess bob, Path file) throws Exception {
        FileTransferService alice = Services.await(context, FileTransferService.class,
                Services.jidFilter("alice@localhost"), BACK);
        // the receiver's handlers are in place: asked directly, it serves file transfer
        TransferSetup.awaitServed(context, "alice", RECEIVER, FILE_TRANSFER);
        Transfer sent = alice.send(RECEIVER, file, SendOptions.defaults()).completion().toCompletableFuture()
                .get(DONE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(sent.failure().toString(), TransferState.COMPLETED, sent.state());

        String name = file.getFileName().toString();
        List<String> columns = SiftJar.awaitResult(bob, name, DONE);
        String line = String.join("\t", columns);
        assertEquals(line, "COMPLETED", columns.get(SiftJar.STATE));
        assertEquals(line, Long.toString(Files.size(file)), columns.get(SiftJar.SIZE));
        assertEquals(line, TestFiles.sha256(file), columns.get(SiftJar.SHA256));
        assertTrue(line, columns.get(SiftJar.WHERE).endsWith(name));
    }
}
