package io.sift.shell.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;
import io.sift.shell.text.Sha256;

/** A transfer the test moves along by hand. */
final class FakeTransfer implements Transfer {

    private static final AtomicInteger IDS = new AtomicInteger();

    final SendOptions options;
    private final String id = Integer.toString(IDS.incrementAndGet());
    private final String peer;
    private final Path file;
    private final long size;
    private final Direction direction;
    private final CompletableFuture<Transfer> done = new CompletableFuture<>();
    private volatile TransferState state = TransferState.OFFERED;
    private volatile long bytes;
    private volatile String method;
    private volatile TransferFailure failure;
    private volatile String sha256;
    private volatile boolean verified;

    FakeTransfer(String peer, Path file, long size, Direction direction, SendOptions options) {
        this.peer = peer;
        this.file = file;
        this.size = size;
        this.direction = direction;
        this.options = options;
    }

    void progress(long moved, String methodNamespace) {
        method = methodNamespace;
        bytes = moved;
        state = TransferState.TRANSFERRING;
    }

    void end(TransferState finalState) {
        state = finalState;
        if (finalState == TransferState.COMPLETED || finalState == TransferState.SENT) {
            bytes = size;
            try {
                sha256 = java.nio.file.Files.exists(file) ? Sha256.of(file) : null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            verified = finalState == TransferState.COMPLETED;
        }
        done.complete(this);
    }

    void fail(FailureReason reason, String message) {
        failure = new TransferFailure(reason, message);
        end(TransferState.FAILED);
    }

    @Override public String id() { return id; }
    @Override public String account() { return "alice@localhost"; }
    @Override public String peer() { return peer; }
    @Override public Direction direction() { return direction; }
    @Override public String fileName() { return file.getFileName().toString(); }
    @Override public long size() { return size; }
    @Override public Optional<String> description() { return options.description(); }
    @Override public long bytesTransferred() { return bytes; }
    @Override public TransferState state() { return state; }
    @Override public Optional<String> streamMethod() { return Optional.ofNullable(method); }
    @Override public Optional<TransferFailure> failure() { return Optional.ofNullable(failure); }
    @Override public Optional<Path> file() { return Optional.of(file); }
    @Override public Optional<String> sha256() { return Optional.ofNullable(sha256); }
    @Override public boolean verified() { return verified; }
    @Override public Instant started() { return Instant.now().minusSeconds(1); }

    @Override
    public boolean cancel() {
        if (state.isFinal()) {
            return false;
        }
        end(TransferState.CANCELLED);
        return true;
    }

    @Override
    public CompletionStage<Transfer> completion() {
        return done;
    }
}
