package io.sift.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;

/** A FileTransferService whose sends a test script drives. */
final class FakeService implements FileTransferService {

    final List<FakeTransfer> sent = new CopyOnWriteArrayList<>();
    private final String account;
    private final Consumer<FakeTransfer> onSend;

    FakeService(String account, Consumer<FakeTransfer> onSend) {
        this.account = account;
        this.onSend = onSend;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public Transfer send(String peer, Path file, SendOptions options) {
        if (!peer.contains("@")) {
            throw new IllegalArgumentException("not a JID: " + peer);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        FakeTransfer t = new FakeTransfer(peer, file, size, Direction.OUTGOING, options);
        sent.add(t);
        onSend.accept(t);
        return t;
    }

    @Override
    public List<Transfer> transfers() {
        return List.copyOf(sent);
    }

    @Override
    public Optional<Transfer> transfer(String id) {
        return sent.stream().filter(t -> t.id().equals(id)).map(Transfer.class::cast).findFirst();
    }
}
