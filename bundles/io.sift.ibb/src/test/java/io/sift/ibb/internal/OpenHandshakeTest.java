package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.spi.StreamException;

class OpenHandshakeTest {

    private static final Jid BOB = JidCreate.fromOrThrowUnchecked("bob@localhost/b");

    private final FakeTransport transport = new FakeTransport();
    private final TestLog log = new TestLog();
    private final List<IbbOpen> opens = new ArrayList<>();
    private BlockLimits limits = new BlockLimits();

    /** A target that accepts blocks up to {@code limit} and answers resource-constraint above it. */
    private void targetAccepting(int limit) {
        transport.autoAnswer = iq -> {
            IbbOpen open = assertInstanceOf(IbbOpen.class, iq);
            opens.add(open);
            return open.blockSize() <= limit ? IQ.createResultIQ(iq)
                    : IbbErrors.reply(iq, StanzaError.Condition.resource_constraint, StanzaError.Type.MODIFY);
        };
    }

    private int open(int blockSize) throws Exception {
        return OpenHandshake.open(transport, "s1", BOB, TestSettings.with(blockSize, 16, DataStanza.MESSAGE), limits, log.logger());
    }

    @Test
    void sendsTheOpenAsTheSettingsSay() throws Exception {
        targetAccepting(65535);
        assertEquals(4096, open(4096));
        IbbOpen open = opens.get(0);
        assertEquals("s1", open.sid());
        assertEquals(BOB, open.getTo());
        assertEquals(IQ.Type.set, open.getType());
        assertEquals(Optional.of(DataStanza.MESSAGE), open.stanza());
    }

    @Test
    void resourceConstraintIsRetriedWithTheNextCommonSize() throws Exception {
        targetAccepting(8192);
        assertEquals(8192, open(65535));
        assertEquals(List.of(65535, 16384, 8192), opens.stream().map(IbbOpen::blockSize).toList());
    }

    @Test
    void retriesAtMostTwiceAndThenTheRefusalIsRetryable() {
        targetAccepting(1024);
        StreamException e = assertThrows(StreamException.class, () -> open(65535));
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertTrue(e.retryable(), "a new session can start at the size learned");
        assertEquals(List.of(65535, 16384, 8192), opens.stream().map(IbbOpen::blockSize).toList());
    }

    @Test
    void theNextStreamToThePeerStartsAtTheLearnedSize() throws Exception {
        targetAccepting(1024);
        assertThrows(StreamException.class, () -> open(65535));
        opens.clear();
        assertEquals(1024, open(65535));
        assertEquals(List.of(4096, 2048, 1024), opens.stream().map(IbbOpen::blockSize).toList());
    }

    @Test
    void aPeerThatSpendsTheStreamIdOnTheFirstRefusalIsRetryableToo() throws Exception {
        // slixmpp: resource-constraint above 8192, then not-acceptable for every later open of the sid
        boolean[] refused = new boolean[1];
        transport.autoAnswer = iq -> {
            IbbOpen open = assertInstanceOf(IbbOpen.class, iq);
            opens.add(open);
            if (refused[0]) {
                return IbbErrors.reply(iq, StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL);
            }
            if (open.blockSize() > 8192) {
                refused[0] = true;
                return IbbErrors.reply(iq, StanzaError.Condition.resource_constraint, StanzaError.Type.MODIFY);
            }
            return IQ.createResultIQ(iq);
        };
        StreamException e = assertThrows(StreamException.class, () -> open(65535));
        assertTrue(e.retryable());
        refused[0] = false;
        opens.clear();
        assertEquals(4096, open(65535), "the new session asks for the recommended size, which the peer takes");
    }

    @Test
    void neverGoesBelow512() {
        targetAccepting(100);
        assertEquals(StreamException.Kind.REFUSED, assertThrows(StreamException.class, () -> open(600)).kind());
        assertEquals(List.of(600, 512), opens.stream().map(IbbOpen::blockSize).toList());
        opens.clear();
        StreamException e = assertThrows(StreamException.class, () -> open(512));
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertEquals(List.of(512), opens.stream().map(IbbOpen::blockSize).toList());
    }

    @ParameterizedTest
    @EnumSource(value = StanzaError.Condition.class,
            names = {"not_acceptable", "item_not_found", "service_unavailable", "feature_not_implemented", "forbidden"})
    void otherErrorsAreARefusal(StanzaError.Condition condition) {
        transport.autoAnswer = iq -> IbbErrors.reply(iq, condition, StanzaError.Type.CANCEL);
        assertEquals(StreamException.Kind.REFUSED, assertThrows(StreamException.class, () -> open(4096)).kind());
    }

    @Test
    void noAnswerIsATimeout() throws Exception {
        CompletableFuture<StreamException> outcome = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                open(4096);
                outcome.complete(null);
            } catch (StreamException e) {
                outcome.complete(e);
            } catch (Exception e) {
                outcome.completeExceptionally(e);
            }
        });
        opener.start();
        FakeTransport.Request r = transport.nextRequest();
        assertEquals(5000, r.timeoutMillis);
        r.timeout();
        assertEquals(StreamException.Kind.TIMEOUT, outcome.get(5, TimeUnit.SECONDS).kind());
        // a late acceptance must not leave the target waiting for data
        IbbClose close = transport.awaitSent(IbbClose.class);
        assertEquals("s1", close.sid());
        assertEquals(BOB, close.getTo());
    }
}
