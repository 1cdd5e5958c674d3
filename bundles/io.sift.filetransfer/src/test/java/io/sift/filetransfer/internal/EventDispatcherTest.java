package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.TransferEvent;
import io.sift.api.TransferEvent.Type;
import io.sift.api.TransferEvents;
import io.sift.api.TransferFailure;
import io.sift.api.TransferListener;

class EventDispatcherTest {

    private final RecordingLogger log = new RecordingLogger();

    private static TransferEvent event(Type type, int bytes) {
        return new TransferEvent(type, "t" + bytes, "bob@example.org", "alice@example.org/home", Direction.INCOMING,
                "a.txt", 1000, bytes, Optional.of("urn:m"),
                type == Type.FAILED ? Optional.of(new TransferFailure(FailureReason.HASH_MISMATCH, "bad hash"))
                        : Optional.empty(),
                Instant.ofEpochMilli(1_700_000_000_123L));
    }

    /** Collects what EventAdmin would post. */
    private static final class RecordingEventAdmin implements EventAdmin {
        final List<Event> posted = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("events are posted, never sent synchronously");
        }
    }

    @Test
    void listenersHearEveryEventInOrderEvenWhenOneThrows() {
        EventDispatcher dispatcher = new EventDispatcher(log.logger());
        List<TransferEvent> heard = new CopyOnWriteArrayList<>();
        dispatcher.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        dispatcher.addListener(heard::add);
        List<TransferEvent> sent = IntStream.range(0, 500).mapToObj(i -> event(Type.PROGRESS, i)).toList();
        sent.forEach(dispatcher::publish);
        dispatcher.close(); // delivers what is queued

        assertEquals(sent, heard);
        assertEquals(500, log.calls("warn").size());
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        EventDispatcher dispatcher = new EventDispatcher(log.logger());
        List<TransferEvent> heard = new CopyOnWriteArrayList<>();
        TransferListener listener = heard::add;
        dispatcher.addListener(listener);
        dispatcher.removeListener(listener);
        dispatcher.publish(event(Type.OFFERED, 0));
        dispatcher.close();
        assertEquals(List.of(), heard);
    }

    @Test
    void eventAdminGetsTheTopicAndProperties() {
        EventDispatcher dispatcher = new EventDispatcher(log.logger());
        RecordingEventAdmin admin = new RecordingEventAdmin();
        dispatcher.setEventAdmin(admin);
        dispatcher.publish(event(Type.FAILED, 42));
        dispatcher.close();

        assertEquals(1, admin.posted.size());
        Event posted = admin.posted.get(0);
        assertEquals("io/sift/transfer/FAILED", posted.getTopic());
        assertEquals("t42", posted.getProperty(TransferEvents.TRANSFER_ID));
        assertEquals("bob@example.org", posted.getProperty(TransferEvents.ACCOUNT));
        assertEquals("alice@example.org/home", posted.getProperty(TransferEvents.PEER));
        assertEquals("INCOMING", posted.getProperty(TransferEvents.DIRECTION));
        assertEquals("a.txt", posted.getProperty(TransferEvents.FILE_NAME));
        assertEquals(1000L, posted.getProperty(TransferEvents.FILE_SIZE));
        assertEquals(42L, posted.getProperty(TransferEvents.BYTES));
        assertEquals("urn:m", posted.getProperty(TransferEvents.STREAM_METHOD));
        assertEquals("HASH_MISMATCH", posted.getProperty(TransferEvents.FAILURE_REASON));
        assertEquals("bad hash", posted.getProperty(TransferEvents.FAILURE_MESSAGE));
        assertEquals(1_700_000_000_123L, posted.getProperty(TransferEvents.TIMESTAMP));
    }

    @Test
    void optionalPropertiesAreLeftOutWhenUnknown() {
        TransferEvent offered = new TransferEvent(Type.OFFERED, "t1", "bob@example.org", "alice@example.org",
                Direction.OUTGOING, "a.txt", 5, 0, Optional.empty(), Optional.empty(), Instant.EPOCH);
        Map<String, Object> p = EventDispatcher.properties(offered);
        assertFalse(p.containsKey(TransferEvents.STREAM_METHOD));
        assertFalse(p.containsKey(TransferEvents.FAILURE_REASON));
        assertFalse(p.containsKey(TransferEvents.FAILURE_MESSAGE));
        assertEquals("OUTGOING", p.get(TransferEvents.DIRECTION));
    }

    @Test
    void aReplacedEventAdminIsNotClearedByTheOldOne() {
        EventDispatcher dispatcher = new EventDispatcher(log.logger());
        RecordingEventAdmin old = new RecordingEventAdmin();
        RecordingEventAdmin current = new RecordingEventAdmin();
        dispatcher.setEventAdmin(old);
        dispatcher.setEventAdmin(current);
        dispatcher.clearEventAdmin(old);
        dispatcher.publish(event(Type.COMPLETED, 1000));
        dispatcher.close();
        assertEquals(0, old.posted.size());
        assertEquals(1, current.posted.size());
    }

    @Test
    void eventsAfterCloseAreDropped() {
        EventDispatcher dispatcher = new EventDispatcher(log.logger());
        List<TransferEvent> heard = new CopyOnWriteArrayList<>();
        dispatcher.addListener(heard::add);
        dispatcher.close();
        // a transfer that ends while the component stops must not fail on its last event
        assertDoesNotThrow(() -> dispatcher.publish(event(Type.OFFERED, 0)));
        assertTrue(heard.isEmpty());
    }
}
