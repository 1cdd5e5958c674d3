package io.sift.socks5.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jxmpp.jid.impl.JidCreate;
import org.osgi.service.log.Logger;

import io.sift.common.RoundTrip;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * Sets up one SOCKS5 bytestream between two ends inside this process, over loopback, before any
 * peer asks for one. A fresh JVM pays for code it runs the first time (class loading, lambda
 * linking, the interpreter's first pass): the set-up of a first bytestream took 12-14 ms at both
 * ends against 2.4 for the same steps at the second file, a third of a fresh receiver's time to the
 * first byte of a 1 MiB file. The rehearsal runs the same code on its own data: the offer query
 * written and read back by this bundle's parser and checked, a listener of its own on 127.0.0.1 with
 * an ephemeral port expecting the stream, the connection raced to it with this method's connector
 * and threads, the SOCKS5 exchange at both ends, a few bytes through both ends of the stream, the
 * answer query written; then everything is closed.
 *
 * <p>Nothing of it reaches the XMPP server, an account or a listener of transfers, and the port is
 * bound to loopback only for the moment it runs.
 */
final class Socks5Rehearsal {

    static final String SID = "sift-rehearsal";
    static final byte[] PAYLOAD = "SOCKS5 rehearsal".getBytes(StandardCharsets.US_ASCII);
    private static final StreamSession SESSION =
            new StreamSession("rehearsal@localhost", SID, "rehearsal@localhost/initiator", "rehearsal@localhost/target");

    private final Socks5Settings settings;
    private final StreamhostConnector connector;
    private final Executor attempts;
    private final Scheduler scheduler;
    private final Logger log;

    Socks5Rehearsal(Socks5Settings settings, StreamhostConnector connector, Executor attempts, Scheduler scheduler,
            Logger log) {
        this.settings = settings;
        this.connector = connector;
        this.attempts = attempts;
        this.scheduler = scheduler;
        this.log = log;
    }

    /**
     * Sets up the stream, moves {@link #PAYLOAD} from the initiator's end to the target's and closes
     * everything it opened.
     *
     * @return the bytes the target's end read
     */
    byte[] carried() throws Exception {
        DirectListener listener = DirectListener.start(List.of(InetAddress.getLoopbackAddress()), 0, List.of(),
                settings.pendingLimits(), log);
        try (DirectStreamhost.Arrival arrival = listener.expect(DstAddr.of(SESSION))) {
            BytestreamQuery offer = readBack(BytestreamQuery.offer(SID, List.of(new Streamhost(SESSION.initiator(),
                    InetAddress.getLoopbackAddress().getHostAddress(), listener.port()))));
            if (!(OfferCheck.check(offer) instanceof OfferCheck.Offer checked)) {
                throw new IllegalStateException("the rehearsal's own offer was refused");
            }
            SocketChannel target = connect(checked.streamhosts());
            SocketChannel initiator = null;
            try {
                initiator = arrival.take(settings.attemptMillis());
                if (initiator == null) {
                    throw new IOException("the rehearsal's connection did not arrive");
                }
                BytestreamQuery.used(offer, SID, checked.streamhosts().get(0).jid()).toXML();
                return carry(new SocketStream(SESSION, initiator, SocketStream.Role.INITIATOR, stream -> { }),
                        new SocketStream(SESSION, target, SocketStream.Role.TARGET, stream -> { }));
            } finally {
                // carry closed both; this closes what it never got
                Sockets.closeQuietly(target);
                if (initiator != null) {
                    Sockets.closeQuietly(initiator);
                }
            }
        } finally {
            listener.stop();
        }
    }

    /**
     * The target's connection, raced as for a peer's offer. A race that does not end in time, or is
     * interrupted, is cancelled, and a connection it still makes is closed.
     */
    private SocketChannel connect(List<Streamhost> streamhosts) throws Exception {
        StaggeredRace race = new StaggeredRace(streamhosts, DstAddr.of(SESSION), connector, attempts, scheduler,
                settings.staggerMillis(), settings.attemptMillis());
        CompletableFuture<StaggeredRace.Win> won = race.start();
        try {
            return won.get(settings.attemptMillis(), TimeUnit.MILLISECONDS).channel();
        } catch (TimeoutException | InterruptedException e) {
            race.cancel(new StreamException(StreamException.Kind.BROKEN, "the rehearsal ended"));
            won.thenAccept(win -> Sockets.closeQuietly(win.channel()));
            throw e;
        }
    }

    /** The query as this side's parser reads it from its XML, addressed as an offer from a peer. */
    private static BytestreamQuery readBack(BytestreamQuery query) throws Exception {
        query.setFrom(JidCreate.from(SESSION.initiator()));
        query.setTo(JidCreate.from(SESSION.target()));
        return RoundTrip.iq(query, new BytestreamProviders.QueryProvider());
    }

    private static byte[] carry(SocketStream initiator, SocketStream target) throws IOException {
        try (initiator; target) {
            ByteBuffer out = ByteBuffer.wrap(PAYLOAD);
            while (out.hasRemaining()) {
                initiator.out().write(out);
            }
            initiator.close();
            ByteBuffer in = ByteBuffer.allocate(PAYLOAD.length);
            while (in.hasRemaining()) {
                if (target.in().read(in) < 0) {
                    throw new EOFException("the rehearsal's stream ended early");
                }
            }
            return in.array();
        }
    }
}
