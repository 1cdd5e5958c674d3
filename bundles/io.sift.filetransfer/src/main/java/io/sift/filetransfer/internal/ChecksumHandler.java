package io.sift.filetransfer.internal;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.osgi.service.log.Logger;

/**
 * Serves checksum requests ({@link FileCheck}) on one account's connection. The answer often comes
 * later, from the transfer's own thread once the file is verified, so the handler itself answers
 * nothing (Smack then sends no automatic reply).
 */
final class ChecksumHandler extends AbstractIqRequestHandler {

    private final XMPPConnection connection;
    private final CheckInbox inbox;
    private final Logger log;

    ChecksumHandler(XMPPConnection connection, CheckInbox inbox, Logger log) {
        super(FileCheck.CHECKSUM, FileCheck.NAMESPACE, IQ.Type.set, Mode.sync);
        this.connection = connection;
        this.inbox = inbox;
        this.log = log;
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        if (!(request instanceof ChecksumIq checksum)) {
            // another bundle replaced this bundle's provider in Smack's JVM-wide registry
            return IQ.createErrorResponse(request, StanzaError.getBuilder(StanzaError.Condition.internal_server_error)
                    .setType(StanzaError.Type.CANCEL).build());
        }
        inbox.received(checksum, this::send);
        return null;
    }

    /**
     * Sends an answer, often from the thread of a transfer that just failed and was interrupted by
     * its own failure: the sender is owed the verdict all the same, so the interrupt is set aside
     * for the send and restored after it.
     */
    private void send(IQ answer) {
        boolean interrupted = Thread.interrupted();
        try {
            connection.sendStanza(answer);
        } catch (SmackException.NotConnectedException e) {
            log.debug("Could not answer a checksum request from {}: offline", answer.getTo());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Registers the handler on the connection; the returned action removes it again. */
    Runnable register() {
        connection.registerIQRequestHandler(this);
        return () -> connection.unregisterIQRequestHandler(this);
    }
}
