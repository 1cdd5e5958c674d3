package io.sift.shell.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.Printable;

/**
 * {@code sift:send}: offers a file, follows it with a live progress bar where the console can show
 * one, and ends with the outcome line and the SHA-256 of what was sent.
 */
public final class Sending {

    static final Duration FRAME_INTERVAL = Duration.ofMillis(200);
    /** After Ctrl-C, how long to wait for the cancelled transfer to settle before printing its outcome. */
    static final Duration CANCEL_SETTLE = Duration.ofSeconds(5);

    /**
     * What to send, as the user typed it.
     *
     * @param account the account to send from; null or blank: the only one online
     * @param method a stream method's short name; null or blank: every method, best first
     * @param description shown to the receiver; null or blank: none
     */
    public record Request(String account, String peer, String file, String method, String description) {
    }

    private final Sift sift;

    public Sending(Sift sift) {
        this.sift = sift;
    }

    /**
     * Sends and waits for the outcome.
     *
     * @throws IllegalArgumentException for what the user can fix (no such account, file or method)
     * @throws InterruptedException after cancelling the transfer on Ctrl-C; its outcome is printed first
     */
    public Transfer send(Console console, Request request) throws InterruptedException {
        FileTransferService service = sift.sender(request.account());
        Path path = readableFile(console.currentDirectory(), request.file());
        SendOptions options = SendOptions.defaults();
        if (request.description() != null && !request.description().isBlank()) {
            options = options.withDescription(request.description());
        }
        if (request.method() != null && !request.method().isBlank()) {
            String namespace = StreamMethods.fromName(request.method())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown stream method '" + Printable.of(request.method()) + "' (use ibb or socks5)"));
            options = options.withMethods(List.of(namespace));
        }
        Transfer transfer;
        try {
            transfer = service.send(request.peer(), path, options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot send " + path.getFileName() + ": " + e.getMessage(), e);
        }
        console.println("Sending " + Printable.of(transfer.fileName()) + " from " + service.account() + " to "
                + Printable.of(request.peer()) + " (transfer " + transfer.id() + ")");
        LiveProgress progress = new LiveProgress(console.out(), console.width(), console::drawsProgress,
                FRAME_INTERVAL, System::nanoTime);
        try {
            progress.follow(transfer);
        } catch (InterruptedException e) {
            transfer.cancel();
            settle(transfer);
            console.println(Outcome.line(transfer, elapsedSince(transfer.started())));
            throw e;
        }
        console.println(Outcome.line(transfer, elapsedSince(transfer.started())));
        transfer.sha256().ifPresent(sha -> console.println("SHA-256: " + sha + "  " + Printable.of(path.toString())));
        return transfer;
    }

    private static Path readableFile(Path currentDirectory, String file) {
        Path path;
        try {
            path = UserPaths.resolve(currentDirectory, file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid file name: " + Printable.of(file));
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("not a regular file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("file not readable: " + path);
        }
        return path;
    }

    private static void settle(Transfer transfer) {
        try {
            transfer.completion().toCompletableFuture().get(CANCEL_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // print whatever state it has reached
        }
    }

    private static Duration elapsedSince(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
