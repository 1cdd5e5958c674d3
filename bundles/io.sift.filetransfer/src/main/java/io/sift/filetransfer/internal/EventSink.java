package io.sift.filetransfer.internal;

import java.util.List;

import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;

/** Where transfer events go: one queue, delivered in order on one thread ({@link EventDispatcher}). */
interface EventSink {

    /**
     * Queues an event for the whiteboard listeners, EventAdmin and the listeners of its own transfer
     * (as they were when it happened: one added later hears it in its replay instead).
     */
    void publish(TransferEvent event, List<? extends TransferListener> transferListeners);

    /**
     * Queues events for one listener alone, behind everything queued so far.
     *
     * @return false if events are not delivered any more (the component stopped); nothing was queued
     */
    boolean replay(List<TransferEvent> missed, TransferListener to);

    /** Delivers events to one listener at once, on the calling thread, when the event thread has stopped. */
    void deliverHere(List<TransferEvent> events, TransferListener to);
}
