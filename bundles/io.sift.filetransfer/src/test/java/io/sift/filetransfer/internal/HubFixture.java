package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.api.Direction;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.connection.AccountConnection;

/**
 * A {@link TransferHub} with one account online ({@value #ACCOUNT}), a scripted stream initiator, and
 * an event listener that keeps every event; no network. Incoming offers are started the way
 * {@link FileProfile} starts them, and can be awaited until the transfer's work is done
 * (its clean-up included).
 */
final class HubFixture implements AutoCloseable {

    static final String ACCOUNT = "bob@example.org";
    static final String PEER = "alice@example.org/home";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final RecordingLogger log = new RecordingLogger();
    final FakeInitiator initiator = new FakeInitiator();
    final EventDispatcher dispatcher = new EventDispatcher(log.logger());
    final TransferHub hub;
    final AccountFileTransfers account;
    /** How the account's outgoing transfers ask for their verdict: its own inbox, unless a test says otherwise. */
    volatile CheckLink checks = this::askLoopback;

    private final List<TransferEvent> events = new ArrayList<>(); // guarded by itself
    private final ExecutorService peerThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-peer");
        t.setDaemon(true);
        return t;
    });

    /** An incoming transfer. */
    record Incoming(TransferRecord record) {

        /** Waits until its work is done, so every file operation of the transfer has happened. */
        TransferRecord finish() throws InterruptedException {
            try {
                record.workDone().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                fail("the transfer's work did not end: " + record);
            }
            return record;
        }
    }

    HubFixture(Path downloads, OfferPolicy policy, long hashLimitBytes, Duration idleTimeout) {
        TransferSettings settings = new TransferSettings(downloads, policy, Duration.ofSeconds(10), idleTimeout,
                hashLimitBytes, 4, 100, Duration.ofHours(48), 16, 128);
        dispatcher.addListener(event -> {
            synchronized (events) {
                events.add(event);
                events.notifyAll();
            }
        });
        hub = new TransferHub(settings, initiator, dispatcher, log.logger());
        account = new AccountFileTransfers(connection(), hub, (peer, sid, sha, timeout) -> checks.ask(peer, sid, sha,
                timeout));
        hub.accountOnline(account);
    }

    HubFixture(Path downloads, OfferPolicy policy, long hashLimitBytes) {
        this(downloads, policy, hashLimitBytes, Duration.ofSeconds(60));
    }

    HubFixture(Path downloads, OfferPolicy policy) {
        this(downloads, policy, 64L * 1024 * 1024);
    }

    /** Starts an incoming transfer for {@code offer} as {@link FileProfile#offered} does. */
    Incoming receive(FakeStreamOffer offer) throws FileElement.Malformed {
        FileElement file = FileElement.parse(offer.payload());
        String safeName = SafeFileNames.sanitize(file.name());
        TransferRecord record = hub.newRecord(account, PEER, Direction.INCOMING, safeName, file.size(),
                file.description(), null);
        OfferView view = new OfferView(record.id(), ACCOUNT, PEER, safeName, file.name(), file.size(),
                file.description(), file.date(), file.md5(), true);
        record.offered();
        record.onCancel(() -> offer.decline("cancelled"));
        hub.startWaiting(record, new IncomingTransfer(record, offer, file, view, hub));
        return new Incoming(record);
    }

    /**
     * The sender's checksum request delivered to this same account's inbox, as if the peer ({@value #PEER})
     * had sent it over the server: both ends of a loopback transfer live in this fixture.
     */
    private CheckVerdict askLoopback(String peer, String sid, Optional<String> sha256, Duration timeout)
            throws InterruptedException {
        ChecksumIq request = new ChecksumIq(sid, sha256);
        request.setType(IQ.Type.set);
        request.setFrom(JidCreate.fromOrThrowUnchecked(PEER));
        request.setTo(JidCreate.fromOrThrowUnchecked(peer));
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        account.checkInbox().received(request, answer::complete);
        try {
            return CheckVerdict.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return new CheckVerdict.Unanswered("no answer: " + e);
        }
    }

    static Transfer awaitEnd(Transfer transfer) throws Exception {
        return transfer.completion().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the event of this type of this transfer (events arrive on the dispatcher's thread). */
    TransferEvent awaitEvent(String transferId, TransferEvent.Type type) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (true) {
                for (TransferEvent e : events) {
                    if (e.transferId().equals(transferId) && e.type() == type) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("no " + type + " event for " + transferId + "; got " + events);
                }
                events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    List<TransferEvent> eventsOf(String transferId) {
        synchronized (events) {
            return events.stream().filter(e -> e.transferId().equals(transferId)).toList();
        }
    }

    List<TransferEvent.Type> typesOf(String transferId) {
        return eventsOf(transferId).stream().map(TransferEvent::type).toList();
    }

    /** Writes {@code data} on a thread of the peer, then closes the channel (end of stream). */
    CompletableFuture<Void> sendAndClose(WritableByteChannel out, byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try (out) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            } catch (IOException e) {
                throw new IllegalStateException("the receiver closed the stream", e);
            }
        }, peerThreads);
    }

    /** Reads everything until end of stream on a thread of the peer. */
    CompletableFuture<byte[]> drain(ReadableByteChannel in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try (in) {
                while (in.read(buffer) >= 0) {
                    all.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
            } catch (IOException e) {
                throw new IllegalStateException("reading failed", e);
            }
            return all.toByteArray();
        }, peerThreads);
    }

    /** The names in {@code directory}, sorted. */
    static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() {
        hub.close();
        dispatcher.close();
        peerThreads.shutdownNow();
    }

    /**
     * The account's connection: only {@link AccountConnection#jid()} matters to the code under test;
     * the Smack connection answers every call with nothing, which gives an empty roster.
     */
    private static AccountConnection connection() {
        XMPPConnection smack = (XMPPConnection) Proxy.newProxyInstance(XMPPConnection.class.getClassLoader(),
                new Class<?>[] {XMPPConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "offline test connection";
                    default -> nothing(method.getReturnType());
                });
        return (AccountConnection) Proxy.newProxyInstance(AccountConnection.class.getClassLoader(),
                new Class<?>[] {AccountConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "jid" -> ACCOUNT;
                    case "boundJid" -> ACCOUNT + "/sift";
                    case "connection" -> smack;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "AccountConnection[" + ACCOUNT + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object nothing(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
