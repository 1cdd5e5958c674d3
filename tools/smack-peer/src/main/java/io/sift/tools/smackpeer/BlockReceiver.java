package io.sift.tools.smackpeer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
 * {@code smack-peer blocks-receive}: takes streams of bare in-band data IQs through Smack's IQ request
 * handlers (in place of Smack's own in-band manager, for this connection), one after another, and
 * prints one BLOCKS line as each was closed or a block was refused, or when time ran out. The CPU lines
 * are taken at the last stream's open and end.
 */
final class BlockReceiver {

    /** One stream's end, as its close or the refusal that ended it left it: failure empty when closed. */
    private record Ended(long bytes, long millis, String sha256, Optional<String> failure) {
    }

    private final BlockReceiveCommand command;
    private final Report report;
    private final ErrorLog errors;
    private final CpuAtOffer cpuAtOpen;
    private final CpuAtEnd cpuAtEnd;
    /** The streams' ends in order, taken on the handlers' thread before the next stream can open. */
    private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
    // the handlers' thread only (Smack's sync mode)
    private long openedAt;

    BlockReceiver(BlockReceiveCommand command, Report report, ErrorLog errors, CpuAtOffer cpuAtOpen,
            CpuAtEnd cpuAtEnd) {
        this.command = command;
        this.report = report;
        this.errors = errors;
        this.cpuAtOpen = cpuAtOpen;
        this.cpuAtEnd = cpuAtEnd;
    }

    int run() throws InterruptedException {
        Optional<PeerSession> opened = PeerSession.openOrReport(command.login(), errors,
                PeerSession.SetUp.NOTHING);
        if (opened.isEmpty()) {
            return SmackPeer.CONNECTION_FAILED;
        }
        PeerSession session = opened.get();
        try (session; BlockSink sink = new BlockSink(command.into(), command.streams())) {
            return receive(session.connection(), sink);
        } catch (IOException e) {
            report.blocks("failed", 0, 0, "-", Optional.of("cannot write " + command.into() + ": "
                    + ErrorLog.describe(e)));
            return SmackPeer.TRANSFER_FAILED;
        }
    }

    private int receive(XMPPTCPConnection connection, BlockSink sink) throws InterruptedException {
        List<IQRequestHandler> handlers = List.of(
                handler(connection, sink, Open.ELEMENT, iq -> {
                    sink.open(((Open) iq).getSessionID(), ((Open) iq).getBlockSize());
                    openedAt = System.nanoTime();
                    if (sink.lastAwaited()) {
                        cpuAtOpen.print();
                    }
                    return false;
                }),
                handler(connection, sink, DataPacketExtension.ELEMENT, iq -> {
                    DataPacketExtension block = ((Data) iq).getDataPacketExtension();
                    sink.take(block.getSessionID(), block.getSeq().intValue(), block.getDecodedData());
                    return false;
                }),
                handler(connection, sink, Close.ELEMENT, iq -> {
                    sink.end(((Close) iq).getSessionID());
                    return true;
                }));
        handlers.forEach(connection::registerIQRequestHandler);
        try {
            report.ready(connection.getUser());
            for (int stream = 1; stream <= command.streams(); stream++) {
                long waitFrom = System.nanoTime();
                Ended end = ended.poll(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
                if (end == null) {
                    cpuAtEnd.mark();
                    report.blocks("timeout", sink.bytes(), millisSince(waitFrom), "-", Optional.of("no close within "
                            + command.timeout().toSeconds() + " s"));
                    return SmackPeer.TIMED_OUT;
                }
                report.blocks(end.failure().isEmpty() ? "complete" : "failed", end.bytes(), end.millis(),
                        end.sha256(), end.failure());
                if (end.failure().isPresent()) {
                    return SmackPeer.TRANSFER_FAILED;
                }
            }
            cpuAtEnd.print();
            return SmackPeer.OK;
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
    private IQRequestHandler handler(XMPPTCPConnection connection, BlockSink sink, String element, Step step) {
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
                cpuAtEnd.mark();
                ended.add(new Ended(sink.bytes(), millisSince(openedAt), end.isEmpty() ? sink.sha256() : "-", end));
                return null;
            }
        };
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
