package io.sift.shell.internal.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sift.api.FailureReason;
import io.sift.api.Transfer;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

/** Which ended sends {@code send --retries N} sends again, and after what pause. */
class RetryTest {

    private static Transfer ended(TransferState state, FailureReason reason, long bytes) {
        return (Transfer) Proxy.newProxyInstance(Transfer.class.getClassLoader(), new Class<?>[] {Transfer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "state" -> state;
                    case "failure" -> Optional.ofNullable(reason).map(r -> new TransferFailure(r, "test"));
                    case "bytesTransferred" -> bytes;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void whatBrokeOffIsSentAgain() {
        for (FailureReason reason : new FailureReason[] {FailureReason.STREAM_FAILED, FailureReason.TIMEOUT,
            FailureReason.ACCOUNT_OFFLINE, FailureReason.STREAM_METHOD_GONE, FailureReason.HASH_MISMATCH,
            FailureReason.PEER_UNAVAILABLE}) {
            assertTrue(SendJob.brokeOff(ended(TransferState.FAILED, reason, 10)), reason::name);
        }
    }

    @Test
    void refusalsLocalProblemsAndOtherEndsAreNot() {
        for (FailureReason reason : new FailureReason[] {FailureReason.NO_COMMON_METHOD, FailureReason.NOT_SUPPORTED,
            FailureReason.LOCAL_IO, FailureReason.BAD_OFFER, FailureReason.SHUTDOWN, FailureReason.PROTOCOL_ERROR}) {
            assertFalse(SendJob.brokeOff(ended(TransferState.FAILED, reason, 10)), reason::name);
        }
        assertFalse(SendJob.brokeOff(ended(TransferState.FAILED, FailureReason.PEER_UNAVAILABLE, 0)),
                "a peer never reached is the wait for the peer's business");
        for (TransferState state : new TransferState[] {TransferState.COMPLETED, TransferState.SENT,
            TransferState.DECLINED, TransferState.CANCELLED}) {
            assertFalse(SendJob.brokeOff(ended(state, null, 10)), state::name);
        }
    }

    @Test
    void pausesDoubleUpToTheirLimit() {
        assertEquals(Duration.ofSeconds(1), SendJob.retryPause(0));
        assertEquals(Duration.ofSeconds(2), SendJob.retryPause(1));
        assertEquals(Duration.ofSeconds(16), SendJob.retryPause(4));
        assertEquals(Duration.ofSeconds(30), SendJob.retryPause(5));
        assertEquals(Duration.ofSeconds(30), SendJob.retryPause(1000));
    }
}
