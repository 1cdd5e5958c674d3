package io.sift.filetransfer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sift.api.ListenerRegistration;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;

/**
 * The listeners of one transfer ({@link Transfer#addListener}), and what a listener added late has
 * missed: every event but PROGRESS, and the latest PROGRESS while nothing came after it. Each event
 * and each replay takes its place in the one event queue while this object's lock is held, so a
 * listener hears every event once, in order, whenever it was added.
 */
final class TransferListeners {

    private final String transferId;
    private final EventSink sink;
    /** Read without the lock by the delivery of a snapshot; removal needs no lock. */
    private final List<Registration> registered = new CopyOnWriteArrayList<>();
    private final List<TransferEvent> milestones = new ArrayList<>(); // guarded by this
    private TransferEvent latest; // guarded by this
    private boolean ended; // guarded by this

    TransferListeners(String transferId, EventSink sink) {
        this.transferId = transferId;
        this.sink = sink;
    }

    /** Sends an event of the transfer to everyone who listens; after the final one, lets go of its listeners. */
    synchronized void publish(TransferEvent event) {
        if (ended) {
            return; // nothing follows a final event
        }
        if (event.type() != TransferEvent.Type.PROGRESS) {
            milestones.add(event);
        }
        latest = event;
        sink.publish(event, registered.isEmpty() ? List.of() : List.copyOf(registered));
        if (isFinal(event.type())) {
            ended = true;
            registered.clear(); // they heard the end; nothing keeps them alive now
        }
    }

    ListenerRegistration add(TransferListener listener) {
        Registration registration = new Registration(Objects.requireNonNull(listener, "listener"));
        List<TransferEvent> stranded;
        synchronized (this) {
            List<TransferEvent> missed = missed();
            if (!ended) {
                registered.add(registration);
            }
            stranded = missed.isEmpty() || sink.replay(missed, registration) ? List.of() : missed;
        }
        if (!stranded.isEmpty()) {
            // outside the lock: the listener's own code must not run while events wait for it
            sink.deliverHere(stranded, registration);
        }
        return registration;
    }

    private List<TransferEvent> missed() {
        List<TransferEvent> missed = new ArrayList<>(milestones);
        if (latest != null && latest.type() == TransferEvent.Type.PROGRESS) {
            missed.add(latest);
        }
        return missed;
    }

    private static boolean isFinal(TransferEvent.Type type) {
        return switch (type) {
            case COMPLETED, SENT, FAILED, CANCELLED, DECLINED -> true;
            case OFFERED, STARTED, PROGRESS, FALLBACK -> false;
        };
    }

    /** One added listener: hears events until it is closed. */
    private final class Registration implements ListenerRegistration, TransferListener {

        private final TransferListener listener;
        private volatile boolean open = true;

        Registration(TransferListener listener) {
            this.listener = listener;
        }

        @Override
        public void transferEvent(TransferEvent event) {
            // checked as each event is delivered: a queued event does not reach a listener removed since
            if (open) {
                listener.transferEvent(event);
            }
        }

        @Override
        public void close() {
            open = false;
            registered.remove(this);
        }

        @Override
        public String toString() {
            return listener.getClass().getName() + " of transfer " + transferId;
        }
    }
}
