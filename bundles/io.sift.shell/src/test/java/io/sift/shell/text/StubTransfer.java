package io.sift.shell.text;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.sift.api.Direction;
import io.sift.api.Transfer;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

/** A transfer whose every property the test sets. */
final class StubTransfer implements Transfer {

    private final String id;
    private final Direction direction;
    private final String fileName;
    private final long size;
    private String peer = "peer@example.org";
    private TransferState state = TransferState.OFFERED;
    private long bytes;
    private String method;
    private TransferFailure failure;
    private boolean verified;

    StubTransfer(String id, Direction direction, String fileName, long size) {
        this.id = id;
        this.direction = direction;
        this.fileName = fileName;
        this.size = size;
    }

    StubTransfer peer(String value) {
        peer = value;
        return this;
    }

    StubTransfer state(TransferState value) {
        state = value;
        return this;
    }

    StubTransfer bytes(long value) {
        bytes = value;
        return this;
    }

    StubTransfer method(String value) {
        method = value;
        return this;
    }

    StubTransfer verified(boolean value) {
        verified = value;
        return this;
    }

    StubTransfer failure(TransferFailure value) {
        failure = value;
        return this;
    }

    @Override public String id() { return id; }
    @Override public String account() { return "me@example.org"; }
    @Override public String peer() { return peer; }
    @Override public Direction direction() { return direction; }
    @Override public String fileName() { return fileName; }
    @Override public long size() { return size; }
    @Override public Optional<String> description() { return Optional.empty(); }
    @Override public long bytesTransferred() { return bytes; }
    @Override public TransferState state() { return state; }
    @Override public boolean verified() { return verified; }
    @Override public Optional<String> streamMethod() { return Optional.ofNullable(method); }
    @Override public Optional<TransferFailure> failure() { return Optional.ofNullable(failure); }
    @Override public Optional<Path> file() { return Optional.empty(); }
    @Override public Instant started() { return Instant.EPOCH; }
    @Override public boolean cancel() { return false; }
    @Override public CompletionStage<Transfer> completion() { return CompletableFuture.completedFuture(this); }
}
