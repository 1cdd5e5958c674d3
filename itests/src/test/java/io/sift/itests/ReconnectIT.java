package io.sift.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.jivesoftware.smack.XMPPConnection;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

import io.sift.connection.AccountConnection;

/** The server goes away and comes back, or the connection breaks: the account's service follows. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReconnectIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Test
    public void serviceDisappearsWhileProsodyIsDownAndReturnsAfterReconnect() throws Exception {
        String alice = Services.jidFilter("alice@localhost");
        try (Accounts accounts = new Accounts(configAdmin)) {
            accounts.createLocal("alice");
            Services.await(context, AccountConnection.class, alice, Duration.ofSeconds(30));
            try {
                LocalProsody.stop();
                Services.awaitAbsent(context, AccountConnection.class, alice, Duration.ofSeconds(30));
            } finally {
                LocalProsody.start();
            }
            AccountConnection back = Services.await(context, AccountConnection.class, alice, Duration.ofSeconds(60));
            assertTrue(back.connection().isAuthenticated());
            System.out.println("[" + SiftRuntime.framework() + "] reconnected as " + back.boundJid());
        }
    }

    /**
     * Smack keeps what its writer had queued when a connection breaks (without stream management) and
     * would write it on the next connection before the stream's header: the server then closes that
     * stream as invalid, and the next, until the stale queue is used up. The account's next attempt must
     * open with a stream header. Enough stanzas are queued behind a stalled relay that more of them are
     * left in the writer's queue than the sockets' buffers can hold, then the relay cuts the connection.
     */
    @Test
    public void aConnectionBrokenWithStanzasQueuedReconnectsWithAFreshStream() throws Exception {
        String alice = Services.jidFilter("alice@localhost");
        long buffers = maxBuffer("tcp_wmem") + maxBuffer("tcp_rmem");
        int stanzasInBuffers = 300;
        int stanzas = stanzasInBuffers + 100; // below Smack's queue size (500), so sending never blocks
        String body = "x".repeat((int) Math.max(64 * 1024, buffers / stanzasInBuffers + 1));
        try (StallingRelay relay = new StallingRelay(LocalProsody.c2sPort());
                Accounts accounts = new Accounts(configAdmin)) {
            // another test's account of the same name may still be closing
            Services.awaitAbsent(context, AccountConnection.class, alice, Duration.ofSeconds(30));
            Hashtable<String, Object> settings = Accounts.localAccount("alice");
            settings.put("port", relay.port());
            accounts.create("alice", settings);
            XMPPConnection first = Services.await(context, AccountConnection.class, alice, Duration.ofSeconds(30))
                    .connection();
            long firstLogin = (Long) context.getServiceReferences(AccountConnection.class, alice).iterator().next()
                    .getProperty(Constants.SERVICE_ID);
            relay.stall();
            for (int i = 0; i < stanzas; i++) {
                first.sendStanza(first.getStanzaFactory().buildMessageStanza()
                        .to("nobody@localhost").setBody(body).build());
            }
            int before = relay.openings().size();
            relay.cut();
            String laterLogin = "(&" + alice + "(!(" + Constants.SERVICE_ID + "=" + firstLogin + ")))";
            AccountConnection back = Services.await(context, AccountConnection.class, laterLogin,
                    Duration.ofSeconds(60));
            assertTrue(back.connection().isAuthenticated());
            List<String> openings = relay.openings();
            List<String> after = openings.subList(before, openings.size());
            assertFalse("no connection made after the cut", after.isEmpty());
            for (String opening : after) {
                assertTrue("a connection after the cut opened with: " + opening, opening.startsWith("<stream:stream")
                        || opening.startsWith("<?xml"));
            }
        }
    }

    /** The largest buffer the kernel gives a TCP socket, from net.ipv4.tcp_wmem or tcp_rmem. */
    private static long maxBuffer(String name) throws IOException {
        String[] values = Files.readString(Path.of("/proc/sys/net/ipv4", name)).trim().split("\\s+");
        return Long.parseLong(values[values.length - 1]);
    }
}
