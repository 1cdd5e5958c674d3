package io.sift.filetransfer.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

import io.sift.api.TransferEvent;
import io.sift.api.TransferEvents;
import io.sift.api.TransferListener;

/**
 * Delivers transfer events to the listener whiteboard, to the listeners of each transfer and to
 * EventAdmin, one at a time on one thread of its own: listeners see events in the order they
 * happened, and a slow listener never holds up a transfer.
 */
final class EventDispatcher implements EventSink, AutoCloseable {

    private final List<TransferListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sift-transfer-events");
        t.setDaemon(true);
        return t;
    });
    private final Logger log;
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();

    EventDispatcher(Logger log) {
        this.log = log;
    }

    void addListener(TransferListener listener) {
        listeners.add(listener);
    }

    void removeListener(TransferListener listener) {
        listeners.remove(listener);
    }

    void setEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    /** Forgets {@code admin} unless another one has replaced it already. */
    void clearEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    /** Queues an event for the whiteboard and EventAdmin. */
    void publish(TransferEvent event) {
        publish(event, List.of());
    }

    @Override
    public void publish(TransferEvent event, List<? extends TransferListener> transferListeners) {
        try {
            thread.execute(() -> deliver(event, transferListeners));
        } catch (RejectedExecutionException closed) {
            // shutting down: nobody is left to hear it
        }
    }

    @Override
    public boolean replay(List<TransferEvent> missed, TransferListener to) {
        try {
            thread.execute(() -> deliverHere(missed, to));
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    @Override
    public void deliverHere(List<TransferEvent> events, TransferListener to) {
        for (TransferEvent event : events) {
            call(to, to.toString(), event);
        }
    }

    private void deliver(TransferEvent event, List<? extends TransferListener> transferListeners) {
        for (TransferListener listener : listeners) {
            call(listener, listener.getClass().getName(), event);
        }
        for (TransferListener listener : transferListeners) {
            call(listener, listener.toString(), event);
        }
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.postEvent(new Event(event.type().topic(), properties(event)));
        }
    }

    /** A listener that throws is logged, and the others still hear the event. */
    private void call(TransferListener listener, String name, TransferEvent event) {
        try {
            listener.transferEvent(event);
        } catch (RuntimeException e) {
            log.warn("Transfer listener {} failed on {} of transfer {}: {}", name, event.type(), event.transferId(),
                    e.toString());
        }
    }

    static Map<String, Object> properties(TransferEvent event) {
        Map<String, Object> p = new HashMap<>();
        p.put(TransferEvents.TRANSFER_ID, event.transferId());
        p.put(TransferEvents.ACCOUNT, event.account());
        p.put(TransferEvents.PEER, event.peer());
        p.put(TransferEvents.DIRECTION, event.direction().name());
        p.put(TransferEvents.FILE_NAME, event.fileName());
        p.put(TransferEvents.FILE_SIZE, event.size());
        p.put(TransferEvents.BYTES, event.bytesTransferred());
        p.put(TransferEvents.TIMESTAMP, event.time().toEpochMilli());
        event.streamMethod().ifPresent(m -> p.put(TransferEvents.STREAM_METHOD, m));
        event.sha256().ifPresent(h -> p.put(TransferEvents.SHA256, h));
        if (event.type() == TransferEvent.Type.COMPLETED || event.type() == TransferEvent.Type.SENT) {
            p.put(TransferEvents.VERIFIED, event.verified());
        }
        event.failure().ifPresent(f -> {
            p.put(TransferEvents.FAILURE_REASON, f.reason().name());
            p.put(TransferEvents.FAILURE_MESSAGE, f.message());
        });
        return p;
    }

    /** Delivers what is queued (bounded wait), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }
}
