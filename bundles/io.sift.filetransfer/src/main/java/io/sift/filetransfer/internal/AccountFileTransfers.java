package io.sift.filetransfer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.FileSource;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.connection.AccountConnection;

/** The file transfers of one logged-in account: its {@link FileTransferService}. */
final class AccountFileTransfers implements FileTransferService {

    /** Verdicts remembered at once for the account's senders (see {@link CheckInbox}). */
    private static final int MAX_CHECKS = 1024;

    private final AccountConnection connection;
    private final TransferHub hub;
    private final CheckLink checkLink;
    private final CheckInbox checkInbox = new CheckInbox(MAX_CHECKS, System::nanoTime);
    private final Deque<TransferRecord> transfers = new ConcurrentLinkedDeque<>();
    private final Object admission = new Object();
    /** Completes when the next transfer of this account ends, and is replaced then. */
    private CompletableFuture<Void> nextEnd = new CompletableFuture<>(); // guarded by this
    /** How many transfers of this account have ended. */
    private long ends; // guarded by this

    /** @param checkLink how this account's outgoing transfers ask their receivers for the verdict */
    AccountFileTransfers(AccountConnection connection, TransferHub hub, CheckLink checkLink) {
        this.connection = connection;
        this.hub = hub;
        this.checkLink = checkLink;
    }

    @Override
    public String account() {
        return connection.jid();
    }

    @Override
    public Transfer send(String peer, Path file, SendOptions options) {
        Jid to = parsePeer(peer);
        return send(to, FileSource.of(file), options);
    }

    @Override
    public Transfer send(String peer, FileSource source, SendOptions options) {
        Jid to = parsePeer(peer);
        return send(to, Objects.requireNonNull(source, "source"), options);
    }

    /** Name and size are read once: the offer announces them, and the content is held to them. */
    private Transfer send(Jid to, FileSource source, SendOptions options) {
        String sourceName = source.name();
        long size = source.size();
        if (sourceName == null || sourceName.isBlank()) {
            throw new IllegalArgumentException("the source has no name: " + source);
        }
        if (size < 0) {
            throw new IllegalArgumentException("the source has a negative size: " + source);
        }
        Optional<Path> file = source.file();
        if (file.isPresent() && (!Files.isRegularFile(file.get()) || !Files.isReadable(file.get()))) {
            throw new IllegalArgumentException("not a readable file: " + file.get());
        }
        String name = options.fileName().orElse(sourceName);
        TransferRecord record = hub.newRecord(this, to.toString(), Direction.OUTGOING, name, size,
                options.description(), file.map(Path::toAbsolutePath).orElse(null));
        record.offered();
        hub.start(record, new OutgoingTransfer(record, source, size, options, hub, checkLink));
        return record;
    }

    @Override
    public List<Transfer> transfers() {
        return new ArrayList<>(transfers);
    }

    @Override
    public Optional<Transfer> transfer(String id) {
        return transfers.stream().filter(t -> t.id().equals(id)).map(Transfer.class::cast).findFirst();
    }

    /** The verdicts this account's incoming transfers owe their senders. */
    CheckInbox checkInbox() {
        return checkInbox;
    }

    boolean isRosterContact(String jid) {
        try {
            RosterEntry entry = Roster.getInstanceFor(connection.connection())
                    .getEntry(JidCreate.bareFrom(jid));
            return entry != null;
        } catch (XmppStringprepException | RuntimeException e) {
            // an unreadable JID or a roster not loaded yet: not a known contact
            return false;
        }
    }

    /** Adds a new transfer and forgets the oldest ended ones beyond the configured number. */
    void remember(TransferRecord record) {
        record.completion().whenComplete((done, e) -> anEnd());
        transfers.addLast(record);
        int ended = (int) transfers.stream().filter(t -> t.state().isFinal()).count();
        int excess = ended - hub.settings().keptTransfers();
        for (var it = transfers.iterator(); excess > 0 && it.hasNext(); ) {
            if (it.next().state().isFinal()) {
                it.remove();
                excess--;
            }
        }
    }

    /** How many transfers of this account have ended so far. */
    synchronized long ends() {
        return ends;
    }

    /**
     * Completes once more than {@code seen} transfers of this account have ended (see {@link #ends()}):
     * at once if that happened already. A receiver busy with this account's offers may take one more then.
     */
    synchronized CompletableFuture<Void> endAfter(long seen) {
        return ends > seen ? CompletableFuture.completedFuture(null) : nextEnd;
    }

    private void anEnd() {
        CompletableFuture<Void> ended;
        synchronized (this) {
            ends++;
            ended = nextEnd;
            nextEnd = new CompletableFuture<>();
        }
        ended.complete(null);
    }

    /**
     * Ends the incoming transfers from {@code peer} of the same file that still wait for their stream:
     * the sender offered the file again (it fell back to another stream method), so no stream will come.
     *
     * @return their workers, which finish shortly
     */
    List<CompletableFuture<Void>> supersede(String peer, String fileName, long size) {
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (TransferRecord record : transfers) {
            if (record.direction() == Direction.INCOMING && record.state() == TransferState.NEGOTIATING
                    && record.peer().equalsIgnoreCase(peer) && record.fileName().equals(fileName)
                    && record.size() == size
                    && record.failAndUndo(FailureReason.STREAM_FAILED,
                            "the sender offered the file again, over another stream method")) {
                workers.add(record.workDone());
            }
        }
        return workers;
    }

    /**
     * A resource of a peer announced it is unavailable. An outgoing transfer with it that still waits
     * for its stream fails at once. An accepted incoming one gets a short grace: the sender may have
     * opened its stream, sent a small file and left, and its presence can overtake the opening here
     * (Smack hands presences and requests to different threads). One moving data gets until the bytes
     * already in flight stop coming (they
     * may all arrive: a sender leaves as soon as it has written the last one); one whose bytes have
     * all been sent is left to its close and verdict; an offer not answered yet learns from its answer.
     * Only a full JID counts: an unavailable presence from a bare JID answers a probe, and may come
     * late, after the contact has logged in again.
     */
    void peerUnavailable(String jid) {
        if (jid.indexOf('/') < 0) {
            return;
        }
        for (TransferRecord record : transfers) {
            if (!record.peer().equalsIgnoreCase(jid)
                    || record.direction() == Direction.OUTGOING && record.state() == TransferState.OFFERED) {
                continue;
            }
            if (record.state() == TransferState.TRANSFERRING) {
                record.peerGone();
            } else if (record.direction() == Direction.INCOMING && record.state() == TransferState.NEGOTIATING) {
                record.peerGoneBeforeTheStream();
            } else {
                record.failAndUndo(FailureReason.PEER_UNAVAILABLE, jid + " went offline");
            }
        }
    }

    /**
     * Creates the record of a new incoming transfer from {@code peer}, unless too many have not ended:
     * incoming transfers (waiting for a decision, for their stream, or moving data) are limited per
     * peer (bare JID) and in all, so that one peer's flood of offers, accepted or not, or of streams
     * that trickle, cannot take every waiting place, every worker, or the memory. Offers are handled
     * on several threads at once: the count and the new record are one step.
     *
     * @return empty if the offer must be refused for now
     */
    Optional<TransferRecord> admitIncoming(String peer, Supplier<TransferRecord> create) {
        synchronized (admission) {
            return refusesIncoming(peer) ? Optional.empty() : Optional.of(create.get());
        }
    }

    /** Whether one more incoming transfer from {@code peer} would exceed the limits. */
    boolean refusesIncoming(String peer) {
        String bare = bareOf(peer);
        int fromPeer = 0;
        int all = 0;
        for (TransferRecord record : transfers) {
            if (record.direction() == Direction.INCOMING && !record.state().isFinal()) {
                all++;
                if (bareOf(record.peer()).equals(bare)) {
                    fromPeer++;
                }
            }
        }
        TransferSettings settings = hub.settings();
        return fromPeer >= settings.maxIncomingPerPeer() || all >= settings.maxIncoming();
    }

    /** The bare JID of a JID as SIFT compares them: without resource, lower case. */
    static String bareOf(String jid) {
        int slash = jid.indexOf('/');
        return (slash < 0 ? jid : jid.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    List<Transfer> active() {
        return transfers.stream().filter(t -> !t.state().isFinal()).map(Transfer.class::cast).toList();
    }

    void failActive(FailureReason reason, String message) {
        for (TransferRecord record : transfers) {
            record.failAndUndo(reason, message);
        }
    }

    private static Jid parsePeer(String peer) {
        if (peer == null || peer.isBlank()) {
            throw new IllegalArgumentException("no peer JID given");
        }
        try {
            Jid jid = JidCreate.from(peer.strip());
            if (!jid.hasLocalpart() && !jid.hasResource()) {
                throw new IllegalArgumentException("'" + peer + "' is a server, not a user's JID");
            }
            return jid;
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("'" + peer + "' is not a valid JID", e);
        }
    }
}
