package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;

import javax.inject.Inject;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;

import io.sift.api.XmppAccount;
import io.sift.connection.AccountConnection;

/** The connection bundle inside a real framework, logging in to the local Prosody. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConnectionIT {

    private static final Duration LOGIN = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private LogReaderService logReader;

    private Accounts accounts;
    private LogCapture log;

    @Inject
    private LoggerAdmin loggerAdmin;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() {
        LogLevels.info(loggerAdmin);
        accounts = new Accounts(configAdmin);
        log = new LogCapture(logReader);
    }

    @After
    public void tearDown() throws Exception {
        accounts.close();
        log.close();
        Services.awaitAbsent(context, AccountConnection.class, null, LOGIN);
    }

    /** Configures the local test account {@code user} and waits for it to be online. */
    /** Logs the account in and waits until it is announced (its XmppAccount follows its presence). */
    private AccountConnection logIn(String user) throws Exception {
        accounts.createLocal(user);
        Services.await(context, XmppAccount.class, Services.jidFilter(user + "@localhost"), LOGIN);
        return Services.await(context, AccountConnection.class, Services.jidFilter(user + "@localhost"), LOGIN);
    }

    @Test
    public void twoAccountsLogInAndExchangeAMessage() throws Exception {
        AccountConnection alice = logIn("alice");
        AccountConnection bob = logIn("bob");
        assertEquals("alice@localhost", alice.jid());
        assertEquals("alice@localhost/itest", alice.boundJid());
        assertTrue(alice.connection().isAuthenticated());
        assertEquals("the account is announced as the public XmppAccount service", 1,
                Services.count(context, XmppAccount.class, "(sift.boundJid=bob@localhost/itest)"));
        System.out.println("[" + SiftRuntime.framework() + "] logged in: " + alice.boundJid() + ", " + bob.boundJid());

        String body = "hello from alice " + UUID.randomUUID();
        try (StanzaCollector inbox = bob.connection().createStanzaCollector(StanzaTypeFilter.MESSAGE)) {
            Message message = alice.connection().getStanzaFactory().buildMessageStanza()
                    .to(bob.user())
                    .setBody(body)
                    .build();
            alice.connection().sendStanza(message);
            Message received = awaitMessage(inbox, body);
            assertEquals(alice.user(), received.getFrom());
            System.out.println("[" + SiftRuntime.framework() + "] bob received from " + received.getFrom() + ": "
                    + received.getBody());
        }
    }

    @Test
    public void smacksOwnTransferManagersStayOff() throws Exception {
        // SIFT's own bundles announce these features once they follow an account: without them, the
        // account must announce none of them (Smack's managers for them are switched off)
        List<Bundle> announcing = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String name = String.valueOf(b.getSymbolicName());
            if (List.of("io.sift.negotiation", "io.sift.ibb", "io.sift.socks5", "io.sift.filetransfer")
                    .contains(name) && b.getState() == Bundle.ACTIVE) {
                announcing.add(b);
            }
        }
        assertEquals("the bundles that announce transfer features", 4, announcing.size());
        for (Bundle b : announcing) {
            b.stop();
        }
        try {
            AccountConnection alice = logIn("alice");
            AccountConnection bob = logIn("bob");

            // asked on the wire (no node), not answered from a capabilities cache
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(bob.user(),
                    null);
            assertTrue("disco#info works between the accounts",
                    info.containsFeature("http://jabber.org/protocol/disco#info"));
            for (String feature : new String[] {
                    "http://jabber.org/protocol/bytestreams",
                    "http://jabber.org/protocol/ibb",
                    "http://jabber.org/protocol/si",
                    "http://jabber.org/protocol/si/profile/file-transfer" }) {
                assertFalse("Smack's own manager announced " + feature, info.containsFeature(feature));
            }
        } finally {
            for (Bundle b : announcing) {
                b.start();
            }
        }
    }

    @Test
    public void invalidConfigurationIsLoggedAndRegistersNothing() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jid", "not a jid");
        props.put("password", "");
        props.put("port", 70000);
        props.put("securityMode", "SOMETIMES");
        String pid = accounts.create("broken", props);

        var entry = log.await(Duration.ofSeconds(10), "the error line for " + pid,
                e -> e.getLogLevel() == LogLevel.ERROR && e.getMessage().contains(pid));
        String line = entry.getMessage();
        assertTrue(line, line.contains("jid:"));
        assertTrue(line, line.contains("password:"));
        assertTrue(line, line.contains("port: 70000"));
        assertTrue(line, line.contains("securityMode:"));
        assertFalse("the password is never logged", line.contains("secret"));
        // the line is written during activation, after which the component stays inert
        assertEquals(0, Services.count(context, AccountConnection.class, null));
        assertEquals(1, log.count(e -> e.getMessage().contains(pid)));
    }

    @Test
    public void wrongPasswordIsLoggedAndNotRetried() throws Exception {
        Hashtable<String, Object> props = Accounts.localAccount("carol");
        props.put("password", "wrong");
        String pid = accounts.create("carol-wrong", props);

        log.await(LOGIN, "the refused login of carol",
                e -> e.getLogLevel() == LogLevel.ERROR && e.getMessage().contains(pid)
                        && e.getMessage().contains("refused"));
        assertEquals(0, Services.count(context, AccountConnection.class, Services.jidFilter("carol@localhost")));

        // a correct account configured afterwards still logs in: the refusal harmed nothing else
        accounts.createLocal("alice");
        Services.await(context, AccountConnection.class, Services.jidFilter("alice@localhost"), LOGIN);
        assertEquals("one attempt, one refusal", 1, log.count(e -> e.getMessage().contains("refused")));
    }

    @Test
    public void stoppingTheConnectionBundleWithdrawsTheServicesAndStartingRestoresThem() throws Exception {
        accounts.createLocal("alice");
        accounts.createLocal("bob");
        Services.await(context, AccountConnection.class, Services.jidFilter("alice@localhost"), LOGIN);
        Services.await(context, AccountConnection.class, Services.jidFilter("bob@localhost"), LOGIN);

        Bundle connectionBundle = FrameworkUtil.getBundle(AccountConnection.class);
        assertNotNull(connectionBundle);
        assertEquals("io.sift.connection", connectionBundle.getSymbolicName());
        connectionBundle.stop();
        assertEquals(0, Services.count(context, AccountConnection.class, null));
        assertEquals(0, Services.count(context, XmppAccount.class, null));

        connectionBundle.start();
        AccountConnection alice = Services.await(context, AccountConnection.class,
                Services.jidFilter("alice@localhost"), LOGIN);
        Services.await(context, AccountConnection.class, Services.jidFilter("bob@localhost"), LOGIN);
        assertTrue(alice.connection().isAuthenticated());
    }

    private static Message awaitMessage(StanzaCollector inbox, String body) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Message m = inbox.nextResult(deadline - System.currentTimeMillis());
            if (m != null && body.equals(m.getBody())) {
                return m;
            }
        }
        throw new AssertionError("bob did not receive: " + body);
    }
}
