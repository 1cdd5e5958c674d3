package io.sift.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.sift.api.Direction;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.TransferState;

class LiveProgressTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void redrawsInPlaceAndEndsWithTheFinalFrame() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        FakeTransfer transfer = new FakeTransfer("bob@localhost", Path.of("big.bin"), 8 * MIB, Direction.OUTGOING,
                SendOptions.defaults());
        AtomicLong clock = new AtomicLong();
        // every frame reads the clock once: one simulated second per frame
        LiveProgress progress = new LiveProgress(out, 70, () -> true, Duration.ofMillis(5),
                () -> clock.addAndGet(1_000_000_000L));

        CompletableFuture<Void> follower = CompletableFuture.runAsync(() -> {
            try {
                progress.follow(transfer);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(10), "a frame while the offer waits",
                () -> text(bytes).contains("waiting for bob@localhost to accept..."));
        transfer.progress(2 * MIB, StreamMethods.SOCKS5);
        Await.until(Duration.ofSeconds(10), "a frame with 2 MiB", () -> text(bytes).contains("2.0 MiB/8.0 MiB"));
        transfer.end(TransferState.COMPLETED);
        follower.get(10, TimeUnit.SECONDS);

        String text = text(bytes);
        assertTrue(text.endsWith(System.lineSeparator()), "the last frame stays, on a line of its own");
        String[] frames = text.strip().split("\r");
        String last = frames[frames.length - 1];
        assertTrue(last.startsWith("[") && last.contains("100%  8.0 MiB/8.0 MiB") && last.contains("ETA 0s  socks5"),
                last);
        for (String frame : frames) {
            assertTrue(frame.length() <= 70, () -> "wider than the terminal: '" + frame + "'");
        }
        assertEquals(text.length() - 1, text.indexOf('\n'), "frames overwrite each other: one line in the end");
    }

    @Test
    void inTheBackgroundNothingIsDrawnNotEvenALineEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        FakeTransfer transfer = new FakeTransfer("bob@localhost", Path.of("bg.bin"), MIB, Direction.OUTGOING,
                SendOptions.defaults());
        AtomicLong clock = new AtomicLong();
        AtomicInteger frames = new AtomicInteger();
        LiveProgress progress = new LiveProgress(out, 70, () -> frames.incrementAndGet() < 0, Duration.ofMillis(5),
                () -> clock.addAndGet(1_000_000_000L));
        CompletableFuture<Void> follower = CompletableFuture.runAsync(() -> {
            try {
                progress.follow(transfer);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(10), "a few frames asked for", () -> frames.get() > 3);
        transfer.end(TransferState.COMPLETED);
        follower.get(10, TimeUnit.SECONDS);
        assertEquals("", text(bytes));
    }

    @Test
    void aJobSentToTheBackgroundStopsDrawingAndGoesOnWhenBackInTheForeground() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        FakeTransfer transfer = new FakeTransfer("bob@localhost", Path.of("fg.bin"), 4 * MIB, Direction.OUTGOING,
                SendOptions.defaults());
        AtomicLong clock = new AtomicLong();
        AtomicBoolean foreground = new AtomicBoolean(true);
        AtomicInteger askedInBackground = new AtomicInteger();
        LiveProgress progress = new LiveProgress(out, 70, () -> {
            boolean now = foreground.get();
            if (!now) {
                askedInBackground.incrementAndGet();
            }
            return now;
        }, Duration.ofMillis(5), () -> clock.addAndGet(1_000_000_000L));
        CompletableFuture<Void> follower = CompletableFuture.runAsync(() -> {
            try {
                progress.follow(transfer);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        transfer.progress(MIB, StreamMethods.IBB);
        Await.until(Duration.ofSeconds(10), "a frame with 1 MiB", () -> text(bytes).contains("1.0 MiB/4.0 MiB"));
        foreground.set(false);
        // once a frame found the job in the background, the frame before it has been drawn
        Await.until(Duration.ofSeconds(10), "a frame in the background", () -> askedInBackground.get() > 0);
        transfer.progress(2 * MIB, StreamMethods.IBB);
        Await.until(Duration.ofSeconds(10), "more frames in the background", () -> askedInBackground.get() > 3);
        transfer.progress(3 * MIB, StreamMethods.IBB);
        foreground.set(true);
        Await.until(Duration.ofSeconds(10), "a frame with 3 MiB", () -> text(bytes).contains("3.0 MiB/4.0 MiB"));
        transfer.end(TransferState.COMPLETED);
        follower.get(10, TimeUnit.SECONDS);
        String text = text(bytes);
        assertFalse(text.contains("2.0 MiB/4.0 MiB"), "drawn in the background: " + text);
        assertTrue(text.endsWith(System.lineSeparator()), text);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
