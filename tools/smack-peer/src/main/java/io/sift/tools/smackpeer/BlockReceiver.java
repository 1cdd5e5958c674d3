package io.sift.tools.smackpeer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
            errors.problem("cannot write " + command.into(), e);
            return SmackPeer.TRANSFER_FAILED;
        }
    }

    private int receive(XMPPTCPConnection connection, BlockSink sink) throws InterruptedException {
        long start = System.nanoTime();
        List<IQRequestHandler> handlers = List.of(
                handler(Open.ELEMENT, iq -> sink.open(((Open) iq).getSessionID(), ((Open) iq).getBlockSize())),
                handler(DataPacketExtension.ELEMENT, iq -> {
                    DataPacketExtension block = ((Data) iq).getDataPacketExtension();
                    sink.take(block.getSessionID(), block.getSeq().intValue(), block.getDecodedData());
                }),
                handler(Close.ELEMENT, iq -> {
                    sink.end(((Close) iq).getSessionID());
                    ended.complete(Optional.empty());
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
        void take(IQ request) throws BlockSink.Refused, IOException;
    }

    /**
     * In order, one at a time (Smack's sync mode), as blocks must be. A refused block is answered with
     * an error and ends the stream.
     */
    private IQRequestHandler handler(String element, Step step) {
        return new AbstractIqRequestHandler(element, DataPacketExtension.NAMESPACE, IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                try {
                    step.take(request);
                    return IQ.createResultIQ(request);
                } catch (BlockSink.Refused e) {
                    ended.complete(Optional.of(e.getMessage()));
                    return IQ.createErrorResponse(request, StanzaError.Condition.bad_request);
                } catch (IOException e) {
                    ended.complete(Optional.of("cannot write " + command.into() + ": " + ErrorLog.describe(e)));
                    return IQ.createErrorResponse(request, StanzaError.Condition.internal_server_error);
                }
            }
        };
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
