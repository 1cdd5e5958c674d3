package io.sift.itests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.sift.api.Direction;
import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;

/**
 * A TransferListener that records every event, for assertions on what happened and in which order.
 * {@link #listenIn} puts it on the whiteboard, {@link #close} takes it off.
 */
public final class EventLog implements TransferListener, AutoCloseable {

    private final List<TransferEvent> events = new CopyOnWriteArrayList<>();
    private ServiceRegistration<TransferListener> registration; // guarded by this

    /** Hears every transfer's events from now on, as a whiteboard listener registered in {@code context}. */
    public synchronized EventLog listenIn(BundleContext context) {
        if (registration != null) {
            throw new IllegalStateException("already listening");
        }
        registration = context.registerService(TransferListener.class, this, null);
        return this;
    }

    /** Stops hearing events; what was heard stays. */
    @Override
    public synchronized void close() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    @Override
    public void transferEvent(TransferEvent event) {
        events.add(event);
    }

    public List<TransferEvent> of(String account, Direction direction, String fileName) {
        return events.stream()
                .filter(e -> e.account().equals(account) && e.direction() == direction && e.fileName().equals(fileName))
                .toList();
    }

    public List<TransferEvent.Type> types(String account, Direction direction, String fileName) {
        return of(account, direction, fileName).stream().map(TransferEvent::type).toList();
    }

    public TransferEvent await(Duration timeout, String what, Predicate<TransferEvent> match)
            throws InterruptedException {
        Await.until(timeout, what, () -> events.stream().anyMatch(match));
        return events.stream().filter(match).findFirst().orElseThrow();
    }

    /** The final event (COMPLETED, SENT, FAILED, CANCELLED or DECLINED) of a transfer, once there is one. */
    public TransferEvent awaitEnd(Duration timeout, String account, Direction direction, String fileName)
            throws InterruptedException {
        return await(timeout, direction + " " + fileName + " of " + account + " to end",
                e -> e.account().equals(account) && e.direction() == direction && e.fileName().equals(fileName)
                        && isEnd(e.type()));
    }

    static boolean isEnd(TransferEvent.Type type) {
        return switch (type) {
            case COMPLETED, SENT, FAILED, CANCELLED, DECLINED -> true;
            default -> false;
        };
    }
}
