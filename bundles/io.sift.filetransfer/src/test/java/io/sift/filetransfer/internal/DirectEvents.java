package io.sift.filetransfer.internal;

import java.util.List;
import java.util.function.Consumer;

import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;

/** An event sink that hands every event over at once, on the thread that publishes it. */
final class DirectEvents implements EventSink {

    private final Consumer<TransferEvent> whiteboard;

    DirectEvents(Consumer<TransferEvent> whiteboard) {
        this.whiteboard = whiteboard;
    }

    @Override
    public void publish(TransferEvent event, List<? extends TransferListener> transferListeners) {
        whiteboard.accept(event);
        transferListeners.forEach(l -> l.transferEvent(event));
    }

    @Override
    public boolean replay(List<TransferEvent> missed, TransferListener to) {
        deliverHere(missed, to);
        return true;
    }

    @Override
    public void deliverHere(List<TransferEvent> events, TransferListener to) {
        events.forEach(to::transferEvent);
    }
}
