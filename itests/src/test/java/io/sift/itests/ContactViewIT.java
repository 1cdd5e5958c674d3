package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.sift.api.Contact;
import io.sift.api.ContactEvent;
import io.sift.api.ContactListener;
import io.sift.api.ContactResource;
import io.sift.api.ContactView;
import io.sift.api.FileTransferSupport;
import io.sift.api.XmppAccount;

/**
 * alice's contacts as her ContactView shows them: bob, a SIFT account in the same framework whose
 * Stream Initiation, file transfer and stream method features come from SIFT's bundles, online and
 * able to receive files; carol, logged in with a plain Smack client, online but unable to; and
 * carol again once her client left, offline.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContactViewIT {

    private static final Duration READY = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Test
    public void aliceSeesWhoIsOnlineAndWhoCanReceiveFiles() throws Exception {
        List<ContactEvent> events = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> onlyAlice = new Hashtable<>();
        onlyAlice.put(XmppAccount.JID, "alice@localhost");
        ServiceRegistration<ContactListener> listener = context.registerService(ContactListener.class, events::add,
                onlyAlice);
        XMPPTCPConnection plainCarol = null;
        try {
            TransferSetup.aliceAndBob(context, configAdmin);
            ContactView alice = Services.await(context, ContactView.class, Services.jidFilter("alice@localhost"), READY);
            assertEquals("alice@localhost", alice.account());

            Await.until(READY, "bob online and able to receive files",
                    () -> alice.contact("bob@localhost").map(Contact::canReceiveFiles).orElse(false));
            Contact bob = alice.contact("bob@localhost").orElseThrow();
            ContactResource resource = bob.resources().get(0);
            System.out.println("[" + SiftRuntime.framework() + "] alice sees " + bob);
            assertEquals("bob@localhost/itest", resource.jid());
            assertEquals(FileTransferSupport.SUPPORTED, resource.fileTransfer());
            assertEquals(Optional.of("https://sift.io"), resource.software());
            Await.until(READY, "a listener event with bob able to receive files", () -> events.stream()
                    .anyMatch(e -> e.contact().jid().equals("bob@localhost") && e.contact().canReceiveFiles()));
            assertTrue("only alice's events: " + events, events.stream().allMatch(e -> e.account().equals("alice@localhost")));

            plainCarol = plainSmackClient("carol");
            Await.until(READY, "carol online, her features learned", () -> alice.contact("carol@localhost")
                    .map(c -> c.online() && c.resources().get(0).fileTransfer() != FileTransferSupport.UNKNOWN)
                    .orElse(false));
            Contact carol = alice.contact("carol@localhost").orElseThrow();
            System.out.println("[" + SiftRuntime.framework() + "] alice sees " + carol);
            assertFalse("a plain Smack client has no Stream Initiation here", carol.canReceiveFiles());
            assertEquals(List.of("bob@localhost", "carol@localhost"),
                    alice.contacts().stream().map(Contact::jid).toList());

            plainCarol.disconnect();
            plainCarol = null;
            Await.until(READY, "carol offline", () -> alice.contact("carol@localhost").map(c -> !c.online()).orElse(false));
            Await.until(READY, "an event with carol offline", () -> events.stream().anyMatch(
                    e -> e.type() == ContactEvent.Type.CHANGED && e.contact().jid().equals("carol@localhost")
                            && !e.contact().online()));
            assertEquals("bob@localhost", alice.contacts().get(0).jid());
        } finally {
            if (plainCarol != null) {
                plainCarol.disconnect();
            }
            listener.unregister();
        }
    }

    private static XMPPTCPConnection plainSmackClient(String user) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(LocalProsody.DOMAIN)
                .setHostAddress(InetAddress.getByName(LocalProsody.HOST))
                .setPort(LocalProsody.c2sPort())
                .setUsernameAndPassword(user, LocalProsody.password(user))
                .setSecurityMode(SecurityMode.disabled)
                .setResource("plain")
                .build());
        connection.connect().login();
        return connection;
    }
}
