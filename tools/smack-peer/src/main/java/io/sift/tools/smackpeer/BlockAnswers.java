package io.sift.tools.smackpeer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.Jid;

/**
 * How {@code blocks-send} learns of each block's answer: through Smack's request per block, or through
 * one listener for them all.
 */
interface BlockAnswers extends AutoCloseable {

    /**
     * Sends the block; once its answer comes, {@code answered} runs for a result, {@code refused} with
     * what it said for an error.
     */
    void send(IQ block, long timeoutMillis, Runnable answered, Consumer<String> refused)
            throws SmackException.NotConnectedException, InterruptedException;

    @Override
    void close();

    /**
     * Smack's asynchronous IQ request: per block a reply filter and listener, a timeout on its reactor
     * (which also refuses a block unanswered within {@code timeoutMillis}), a callback on its executor.
     */
    static BlockAnswers perRequest(XMPPConnection connection) {
        return new BlockAnswers() {
            @Override
            public void send(IQ block, long timeoutMillis, Runnable answered, Consumer<String> refused)
                    throws SmackException.NotConnectedException, InterruptedException {
                connection.sendIqRequestAsync(block, timeoutMillis)
                        .onSuccess(answer -> answered.run())
                        .onError(e -> refused.accept(ErrorLog.describe(e)));
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * One listener on the connection, in Smack's order of arrival, finds the block each result or error
     * from {@code peer} answers by its stanza id. No timeout per block: a block never answered keeps its
     * place in the window, and the sender's wait for the window times out.
     */
    static BlockAnswers oneListener(XMPPConnection connection, Jid peer) {
        return new OneListener(connection, peer);
    }

    /** {@link #oneListener}. */
    final class OneListener implements BlockAnswers {

        private record Awaited(Runnable answered, Consumer<String> refused) {
        }

        private final XMPPConnection connection;
        private final Map<String, Awaited> byId = new ConcurrentHashMap<>();
        private final StanzaListener listener = this::answer;

        private OneListener(XMPPConnection connection, Jid peer) {
            this.connection = connection;
            connection.addSyncStanzaListener(listener, stanza -> stanza instanceof IQ iq
                    && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) && peer.equals(iq.getFrom()));
        }

        @Override
        public void send(IQ block, long timeoutMillis, Runnable answered, Consumer<String> refused)
                throws SmackException.NotConnectedException, InterruptedException {
            // in the map before it leaves: its answer can come before sendStanza returns
            byId.put(block.getStanzaId(), new Awaited(answered, refused));
            connection.sendStanza(block);
        }

        private void answer(Stanza stanza) {
            Awaited awaited = byId.remove(stanza.getStanzaId());
            if (awaited == null) {
                return; // the open's or the close's answer, which their own collectors take
            }
            IQ iq = (IQ) stanza;
            if (iq.getType() == IQ.Type.result) {
                awaited.answered().run();
            } else {
                // worded as the request per block words it
                awaited.refused().accept(iq.getError() == null ? "an error without a condition"
                        : ErrorLog.describe(new XMPPException.XMPPErrorException(iq, iq.getError())));
            }
        }

        @Override
        public void close() {
            connection.removeSyncStanzaListener(listener);
        }
    }
}
