package io.sift.tools.smackpeer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamManager.StanzaType;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Close;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Data;
import org.jivesoftware.smackx.bytestreams.ibb.packet.DataPacketExtension;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Open;

/**
 * {@code smack-peer blocks-send}: the file as bare in-band data IQs through Smack's IQ API (an open,
 * the blocks with up to a window of them unanswered, a close), reading, hashing and base64-encoding
 * each block as it goes. No stream initiation, no file-transfer manager: what a client built on Smack
 * pays per block, in the shape the caller chooses. One BLOCKS line per stream: the bytes sent, the time
 * from the first block to the last block's answer, the SHA-256 of what was read. The streams go one
 * after another, the CPU lines taken around the last.
 */
final class BlockSender {

    private final BlockSendCommand command;
    private final Report report;
    private final ErrorLog errors;
    private final CpuAtOffer cpuAtOffer;
    private final CpuAtEnd cpuAtEnd;

    BlockSender(BlockSendCommand command, Report report, ErrorLog errors, CpuAtOffer cpuAtOffer,
            CpuAtEnd cpuAtEnd) {
        this.command = command;
        this.report = report;
        this.errors = errors;
        this.cpuAtOffer = cpuAtOffer;
        this.cpuAtEnd = cpuAtEnd;
    }

    int run() throws InterruptedException {
        Optional<PeerSession> opened = PeerSession.openOrReport(command.login(), errors,
                PeerSession.SetUp.NOTHING);
        if (opened.isEmpty()) {
            return SmackPeer.CONNECTION_FAILED;
        }
        PeerSession session = opened.get();
        try (session) {
            return send(session.connection());
        }
    }

    private int send(XMPPTCPConnection connection) throws InterruptedException {
        report.ready(connection.getUser());
        try (BlockAnswers answers = command.oneListener() ? BlockAnswers.oneListener(connection, command.to())
                : BlockAnswers.perRequest(connection)) {
            for (int stream = 1; stream <= command.streams(); stream++) {
                int status = stream(connection, answers, stream == command.streams());
                if (status != SmackPeer.OK) {
                    return status;
                }
            }
        }
        cpuAtEnd.print();
        return SmackPeer.OK;
    }

    /** One stream of the file; last: the one the CPU lines are about. */
    private int stream(XMPPTCPConnection connection, BlockAnswers answers, boolean last) throws InterruptedException {
        String sid = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + command.timeout().toNanos();
        try {
            answerOf(connection, new Open(sid, command.blockSize(), StanzaType.IQ), deadline);
        } catch (SmackException.NoResponseException e) {
            report.blocks("timeout", 0, 0, "-", Optional.of("no answer to the open"));
            return SmackPeer.TIMED_OUT;
        } catch (SmackException | XMPPException e) {
            report.blocks("failed", 0, 0, "-", Optional.of("the open was refused: " + ErrorLog.describe(e)));
            return SmackPeer.TRANSFER_FAILED;
        }
        if (last) {
            cpuAtOffer.print();
        }
        Semaphore window = new Semaphore(command.window());
        AtomicReference<String> failure = new AtomicReference<>();
        MessageDigest sha256 = Sha256.digest();
        byte[] block = new byte[command.blockSize()];
        long bytes = 0;
        int seq = 0;
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(command.file())) {
            for (int length; failure.get() == null && (length = in.readNBytes(block, 0, block.length)) > 0; ) {
                sha256.update(block, 0, length);
                Data data = new Data(new DataPacketExtension(sid, seq, Base64.getEncoder().encodeToString(
                        length == block.length ? block : Arrays.copyOf(block, length))));
                data.setTo(command.to());
                if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return timedOut(bytes, start);
                }
                // a second past the deadline: running out of time is the window's wait to report, not a block's
                answers.send(data, TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())) + 1000,
                        window::release, why -> {
                            failure.compareAndSet(null, "block answered with " + why);
                            // the blocks after a refused one may never be answered: nothing more to wait for
                            window.release(command.window());
                        });
                bytes += length;
                seq = (seq + 1) & 0xffff;
            }
            if (!window.tryAcquire(command.window(), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return timedOut(bytes, start);
            }
        } catch (IOException | SmackException.NotConnectedException e) {
            failure.compareAndSet(null, ErrorLog.describe(e));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        cpuAtEnd.mark();
        if (failure.get() != null) {
            report.blocks("failed", bytes, millis, "-", Optional.of(failure.get()));
            return SmackPeer.TRANSFER_FAILED;
        }
        try {
            answerOf(connection, new Close(sid), deadline);
        } catch (SmackException | XMPPException e) {
            report.blocks("failed", bytes, millis, "-", Optional.of("the close was refused: " + ErrorLog.describe(e)));
            return SmackPeer.TRANSFER_FAILED;
        }
        report.blocks("complete", bytes, millis, Sha256.hex(sha256), Optional.empty());
        return SmackPeer.OK;
    }

    private int timedOut(long bytes, long start) {
        report.blocks("timeout", bytes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), "-",
                Optional.of("no answers within " + command.timeout().toSeconds() + " s"));
        return SmackPeer.TIMED_OUT;
    }

    private void answerOf(XMPPTCPConnection connection, IQ request, long deadline)
            throws SmackException, XMPPException, InterruptedException {
        request.setTo(command.to());
        connection.createStanzaCollectorAndSend(request)
                .nextResultOrThrow(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
}
