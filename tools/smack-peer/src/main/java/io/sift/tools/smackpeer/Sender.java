package io.sift.tools.smackpeer;

import java.time.Duration;
import java.util.Optional;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamManager;
import org.jivesoftware.smackx.filetransfer.FileTransferManager;
import org.jivesoftware.smackx.filetransfer.FileTransferNegotiator;
import org.jivesoftware.smackx.filetransfer.OutgoingFileTransfer;

/** {@code smack-peer send}: one file through Smack's FileTransferManager, one RESULT line. */
final class Sender {

    /** How long a complete transfer may wait for Smack's listener thread to report the chosen method. */
    static final Duration METHOD_GRACE = Duration.ofSeconds(1);

    private final SendCommand command;
    private final Report report;
    private final ErrorLog errors;

    Sender(SendCommand command, Report report, ErrorLog errors) {
        this.command = command;
        this.report = report;
        this.errors = errors;
    }

    int run() throws InterruptedException {
        if (command.method() == SendCommand.Method.IBB) {
            // JVM-wide in Smack; read when the offer is built and when disco features are announced
            FileTransferNegotiator.IBB_ONLY = true;
        }
        PeerSession session;
        try {
            session = PeerSession.open(command.login());
            LocalStreamhost.configure(session.connection(), command.streamhosts());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            errors.problem("login as " + command.login().jid() + " at " + command.login().host() + ":"
                    + command.login().port() + " failed", e);
            return SmackPeer.CONNECTION_FAILED;
        }
        try (session) {
            return send(session.connection());
        }
    }

    private int send(XMPPTCPConnection connection) throws InterruptedException {
        command.ibbBlockSize().ifPresent(size ->
                InBandBytestreamManager.getByteStreamManager(connection).setDefaultBlockSize(size));
        if (command.method() == SendCommand.Method.SOCKS5) {
            Socks5OnlyOffer.install(connection);
        }
        NegotiatedMethods methods = NegotiatedMethods.watch(connection);
        FileTransferManager manager = FileTransferManager.getInstanceFor(connection);
        report.ready(connection.getUser());

        OutgoingFileTransfer transfer = manager.createOutgoingFileTransfer(command.to());
        long start = System.nanoTime();
        try {
            transfer.sendFile(command.file().toFile(), command.description().orElse(null));
        } catch (SmackException | IllegalArgumentException e) {
            report.sent(new Outcome("error", 0, Transfers.millisSince(start), NegotiatedMethods.UNKNOWN,
                    Optional.of(ErrorLog.describe(e))));
            return SmackPeer.TRANSFER_FAILED;
        }

        boolean done = Transfers.awaitDone(transfer, start + command.timeout().toNanos());
        long millis = Transfers.millisSince(start);
        if (!done) {
            String state = transfer.getStatus().toString();
            transfer.cancel();
            report.sent(new Outcome("error", transfer.getBytesSent(), millis,
                    methods.methodWith(command.to(), Duration.ZERO),
                    Optional.of("timeout after " + command.timeout().toSeconds() + " s in state " + state)));
            return SmackPeer.TIMED_OUT;
        }
        String status = Transfers.status(transfer.getStatus());
        boolean complete = status.equals("complete");
        Outcome outcome = new Outcome(status, transfer.getBytesSent(), millis,
                methods.methodWith(command.to(), complete ? METHOD_GRACE : Duration.ZERO),
                Transfers.error(transfer));
        report.sent(outcome);
        return outcome.isComplete() ? SmackPeer.OK : SmackPeer.TRANSFER_FAILED;
    }
}
