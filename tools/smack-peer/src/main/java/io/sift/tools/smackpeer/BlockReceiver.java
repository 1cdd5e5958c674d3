package io.sift.tools.smackpeer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Close;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Data;
import org.jivesoftware.smackx.bytestreams.ibb.packet.DataPacketExtension;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Open;

/**
 * {@code smack-peer blocks-receive}: takes one stream of bare in-band data IQs through Smack's IQ
 * request handlers (in place of Smack's own in-band manager, for this connection), and prints one
 * BLOCKS line when the stream was closed, a block was refused, or time ran out.
 */
final class BlockReceiver {

    private final BlockReceiveCommand command;
    private final Report report;
    private final ErrorLog errors;
    private final CpuAtEnd cpuAtEnd;
    /** Completes with the stream's end: empty when closed, else why it failed. */
    private final CompletableFuture<Optional<String>> ended = new CompletableFuture<>();

    BlockReceiver(BlockReceiveCommand command, Report report, ErrorLog errors, CpuAtEnd cpuAtEnd) {
        this.command = command;
        this.report = report;
        this.errors = errors;
        this.cpuAtEnd = cpuAtEnd;
    }

    int run() throws InterruptedException {
        Optional<PeerSession> opened = PeerSession.openOrReport(command.login(), errors,
                PeerSession.SetUp.NOTHING);
        if (opened.isEmpty()) {
            return SmackPeer.CONNECTION_FAILED;
        }
        PeerSession session = opened.get();
        try (session; BlockSink sink = new BlockSink(command.into())) {
            return receive(session.connection(), sink);
        } catch (IOException e) {
            report.blocks("failed", 0, 0, "-", Optional.of("cannot write " + command.into() + ": "
                    + ErrorLog.describe(e)));
            return SmackPeer.TRANSFER_FAILED;
        }
    }

    private int receive(XMPPTCPConnection connection, BlockSink sink) throws InterruptedException {
        long start = System.nanoTime();
        List<IQRequestHandler> handlers = List.of(
                handler(connection, Open.ELEMENT, iq -> {
                    sink.open(((Open) iq).getSessionID(), ((Open) iq).getBlockSize());
                    return false;
                }),
                handler(connection, DataPacketExtension.ELEMENT, iq -> {
                    DataPacketExtension block = ((Data) iq).getDataPacketExtension();
                    sink.take(block.getSessionID(), block.getSeq().intValue(), block.getDecodedData());
                    return false;
                }),
                handler(connection, Close.ELEMENT, iq -> {
                    sink.end(((Close) iq).getSessionID());
                    return true;
                }));
        handlers.forEach(connection::registerIQRequestHandler);
        try {
            report.ready(connection.getUser());
            Optional<String> failure;
            try {
                failure = ended.get(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                cpuAtEnd.mark();
                report.blocks("timeout", sink.bytes(), millisSince(start), "-", Optional.of("no close within "
                        + command.timeout().toSeconds() + " s"));
                return SmackPeer.TIMED_OUT;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the end is only ever completed with a value", e);
            }
            cpuAtEnd.mark();
            report.blocks(failure.isEmpty() ? "complete" : "failed", sink.bytes(), millisSince(start),
                    failure.isEmpty() ? sink.sha256() : "-", failure);
            cpuAtEnd.print();
            return failure.isEmpty() ? SmackPeer.OK : SmackPeer.TRANSFER_FAILED;
        } finally {
            handlers.forEach(h -> connection.unregisterIQRequestHandler(h));
        }
    }

    private interface Step {
        /** Takes the request; true when it ended the stream (the close). */
        boolean take(IQ request) throws BlockSink.Refused, IOException;
    }

    /**
     * In order, one at a time (Smack's sync mode), as blocks must be. A refusal is answered with an
     * error; one within the open stream (a block out of order, not base64, too big) ends it.
     */
    private IQRequestHandler handler(XMPPTCPConnection connection, String element, Step step) {
        return new AbstractIqRequestHandler(element, DataPacketExtension.NAMESPACE, IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                IQ answer;
                Optional<String> end;
                try {
                    answer = IQ.createResultIQ(request);
                    if (!step.take(request)) {
                        return answer;
                    }
                    end = Optional.empty();
                } catch (BlockSink.Refused e) {
                    answer = IQ.createErrorResponse(request, StanzaError.Condition.bad_request);
                    if (!e.endsStream()) {
                        return answer;
                    }
                    end = Optional.of(e.getMessage());
                } catch (IOException e) {
                    answer = IQ.createErrorResponse(request, StanzaError.Condition.internal_server_error);
                    end = Optional.of("cannot write " + command.into() + ": " + ErrorLog.describe(e));
                }
                // the stream's last answer goes out before the main thread, woken by the end, disconnects
                try {
                    connection.sendStanza(answer);
                } catch (SmackException.NotConnectedException e) {
                    // the sender learns nothing more; this end is reported all the same
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ended.complete(end);
                return null;
            }
        };
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
