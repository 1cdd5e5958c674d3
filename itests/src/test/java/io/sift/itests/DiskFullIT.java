package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

/**
 * The receiver's disk fills up while a file arrives: the receiver fails with LOCAL_IO saying there is
 * no space, the sender reports the receiver's reason, and the partial file stays; with room again,
 * the same file sent again continues it. bob's download directory is a small tmpfs mounted for the
 * test, which takes root: as another user the test is skipped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DiskFullIT extends FaultCase {

    private static final long SIZE = 24L << 20;
    private static final String NO_SPACE = "No space left on device";

    private Path disk;
    private boolean mounted;

    @Before
    public void mountSmallDisk() throws Exception {
        Assume.assumeTrue("mounting a tmpfs takes root; skipped as user " + System.getProperty("user.name"),
                run("id", "-u").strip().equals("0"));
        disk = Files.createDirectories(root.resolve("small-disk"));
        Process mount = command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString());
        String output = outputOf(mount);
        // root in a container may lack the right to mount: that is not this test's failure either
        Assume.assumeFalse("root may not mount here: " + output, mount.exitValue() != 0
                && output.toLowerCase(Locale.ROOT).matches("(?s).*(permission denied|not permitted).*"));
        assertEquals("mount: " + output, 0, mount.exitValue());
        mounted = true;
        acceptInto(disk);
    }

    @After
    public void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", disk.toString());
        }
    }

    @Test
    public void aFullDiskFailsBothSidesWithTheReceiversReasonAndWithRoomTheResendContinues() throws Exception {
        String name = "disk-full.bin";
        Path source = source(name, SIZE);
        Transfer sent = alice.send(BOB_HERE, source, SendOptions.defaults()).completion().toCompletableFuture()
                .get(DONE.toSeconds(), TimeUnit.SECONDS);
        TransferEvent received = awaitBrokenOff(BOB, Direction.INCOMING, name);

        assertEquals(received.toString(), TransferEvent.Type.FAILED, received.type());
        TransferFailure receiverSays = received.failure().orElseThrow();
        assertEquals(receiverSays.toString(), FailureReason.LOCAL_IO, receiverSays.reason());
        assertTrue(receiverSays.toString(), receiverSays.message().contains(NO_SPACE));
        assertEquals(sent.toString(), TransferState.FAILED, sent.state());
        TransferFailure senderSays = sent.failure().orElseThrow();
        assertEquals(senderSays.toString(), FailureReason.LOCAL_IO, senderSays.reason());
        assertTrue(senderSays.toString(), senderSays.message().startsWith("the receiver reports"));
        assertTrue("the receiver's own words reach the sender: " + senderSays, senderSays.message().contains(NO_SPACE));
        long kept = awaitKeptPart(disk, name);

        run("mount", "-o", "remount,size=64m", disk.toString());
        Transfer again = alice.send(BOB_HERE, source, SendOptions.defaults()).completion().toCompletableFuture()
                .get(DONE.toSeconds(), TimeUnit.SECONDS);
        assertResumed(again, source, kept);
        assertResumed(awaitCompletedHere(name), source, kept);
        assertStoredAlone(disk, source);
        report("disk full at the receiver (" + receiverSays + "), from the receiver's failure",
                events.awaitEnd(DONE, ALICE, Direction.OUTGOING, name), received.time(), again);
    }

    /** Runs a command, fails unless it exits 0, and returns its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = command(command);
        String output = outputOf(process);
        assertEquals(List.of(command) + ": " + output, 0, process.exitValue());
        return output;
    }

    private static Process command(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return process;
    }

    /** What the process printed, once it has ended. */
    private static String outputOf(Process process) throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.info().commandLine().orElse("a command") + " did not end",
                process.waitFor(60, TimeUnit.SECONDS));
        return output;
    }
}
