package io.sift.filetransfer.internal;

import io.sift.api.FailureReason;
import io.sift.spi.StreamException;

/** How a broken bytestream ends a transfer. */
final class StreamFailures {

    private StreamFailures() {
    }

    static void record(TransferRecord record, StreamException e) {
        switch (e.kind()) {
            case CLOSED_BY_PEER -> record.cancelledByPeer();
            case METHOD_GONE -> record.failAndUndo(FailureReason.STREAM_METHOD_GONE, e.getMessage());
            case TIMEOUT -> record.failAndUndo(FailureReason.TIMEOUT, e.getMessage());
            case OFFLINE -> record.failAndUndo(FailureReason.ACCOUNT_OFFLINE, e.getMessage());
            case REFUSED, BROKEN -> record.failAndUndo(FailureReason.STREAM_FAILED, e.getMessage());
        }
    }
}
