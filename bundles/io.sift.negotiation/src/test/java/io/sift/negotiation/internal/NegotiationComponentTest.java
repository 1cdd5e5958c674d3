package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.FT;
import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.LOCAL;
import static io.sift.negotiation.internal.Xml.PEER;
import static io.sift.negotiation.internal.Xml.S5B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.connection.AccountConnection;
import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;
import io.sift.negotiation.SiProfile;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.StreamSession;

/** The component with Smack's real dispatch, disco manager and provider registry, over a socketless connection. */
class NegotiationComponentTest {

    private record Account(XMPPConnection connection, EntityFullJid user) implements AccountConnection {
        @Override
        public String jid() {
            return user.asEntityBareJidString();
        }

        @Override
        public String boundJid() {
            return user.toString();
        }
    }

    private static final String OFFER_IQ = "<iq xmlns='jabber:client' type='set' id='in-1' from='" + PEER + "' to='" + LOCAL + "'>"
            + Xml.offer("sid-in", FT, IBB, S5B) + "</iq>";

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final FakeStreamMethod s5b = new FakeStreamMethod(S5B, events);
    private final FakeStreamMethod ibb = new FakeStreamMethod(IBB, events);
    private final BlockingQueue<IncomingStreamOffer> offers = new LinkedBlockingQueue<>();
    private final SiProfile profile = offers::add;
    private IqProvider<IQ> smacksProvider;
    private NegotiationComponent component;
    private LoopbackConnection connection;
    private Account account;

    private static Map<String, Object> props(long id, Object... keyValues) {
        java.util.HashMap<String, Object> props = new java.util.HashMap<>();
        props.put("service.id", id);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @BeforeEach
    void start() throws Exception {
        SmackConfiguration.getVersion();
        smacksProvider = ProviderManager.getIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        component = new NegotiationComponent(NegotiationSettingsTest.config(Map.of()), Xml.silentLogger());
        component.addStreamMethod(s5b, props(1, "sift.stream.priority", 50));
        component.addProfile(profile, props(2, "sift.si.profile", FT));
        connection = new LoopbackConnection(LOCAL);
        account = new Account(connection, JidCreate.entityFullFrom(LOCAL));
        // In a framework Smack's own transfer managers are disabled before Smack starts (SmackRuntime); in
        // this JVM they started with Smack and announced their features on the new connection.
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (String feature : List.of(SiNamespaces.SI, FT, S5B, IBB)) {
            disco.removeFeature(feature);
        }
    }

    @AfterEach
    void stop() {
        component.deactivate();
        ProviderManager.removeIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        if (smacksProvider != null) {
            ProviderManager.addIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI, smacksProvider);
        }
    }

    private boolean announces(String feature) {
        return ServiceDiscoveryManager.getInstanceFor(connection).includesFeature(feature);
    }

    @Test
    void boundAccountAnnouncesStreamInitiationProfilesAndMethods() {
        assertFalse(announces(SiNamespaces.SI));
        component.addAccount(account);
        assertTrue(announces(SiNamespaces.SI));
        assertTrue(announces(FT));
        assertTrue(announces(S5B));
        assertFalse(announces(IBB));
    }

    @Test
    void featuresFollowMethodsAndProfilesAsTheyComeAndGo() {
        component.addAccount(account);
        component.addStreamMethod(ibb, props(3, "sift.stream.priority", 10));
        assertTrue(announces(IBB));
        component.removeStreamMethod(s5b);
        assertFalse(announces(S5B));
        assertTrue(announces(IBB));
        component.removeProfile(profile);
        assertFalse(announces(FT));
        assertTrue(announces(SiNamespaces.SI));
    }

    @Test
    void unbindRemovesEveryFeatureItAdded() {
        component.addAccount(account);
        component.removeAccount(account);
        assertFalse(announces(SiNamespaces.SI));
        assertFalse(announces(FT));
        assertFalse(announces(S5B));
    }

    @Test
    void firstAccountPutsThisBundlesProviderInPlaceAndDeactivationRemovesIt() throws Exception {
        Object before = ProviderManager.getIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        assertFalse(before instanceof SiIqProvider);
        component.addAccount(account);
        assertInstanceOf(SiIq.class, Xml.stanza(OFFER_IQ));
        component.deactivate();
        assertFalse(Xml.stanza(OFFER_IQ) instanceof SiIq);
    }

    @Test
    void incomingOfferReachesTheProfileAndItsAnswerGoesOut() throws Exception {
        component.addAccount(account);
        connection.receive(OFFER_IQ);

        IncomingStreamOffer offer = offers.poll(10, TimeUnit.SECONDS);
        assertNotNull(offer, "the profile was not called");
        assertEquals(new StreamSession("alice@example.org", "sid-in", PEER, LOCAL), offer.session());
        assertEquals(List.of(S5B), offer.methods());
        assertTrue(connection.sent.isEmpty(), "nothing may be answered before the profile decides");

        offer.accept(Optional.empty());
        IQ answer = (IQ) connection.nextSent();
        assertEquals(IQ.Type.result, answer.getType());
        assertEquals("in-1", answer.getStanzaId());
        assertEquals(PEER, answer.getTo().toString());
        assertTrue(Xml.xml(answer).contains("<value>" + S5B + "</value>"), Xml.xml(answer));
        assertEquals(List.of("expect " + S5B), events);
    }

    @Test
    void badOfferIsAnsweredWithoutTheProfile() throws Exception {
        component.addAccount(account);
        connection.receive("<iq xmlns='jabber:client' type='set' id='in-2' from='" + PEER + "' to='" + LOCAL + "'>"
                + Xml.offer("sid", "urn:unknown", IBB) + "</iq>");
        IQ reply = (IQ) connection.nextSent();
        assertEquals(IQ.Type.error, reply.getType());
        assertEquals(StanzaError.Condition.bad_request, reply.getError().getCondition());
        assertNotNull(reply.getError().getExtension(SiNamespaces.BAD_PROFILE, SiNamespaces.SI));
        assertTrue(offers.isEmpty());
    }

    @Test
    void afterUnbindOffersAreNoLongerServed() throws Exception {
        component.addAccount(account);
        component.removeAccount(account);
        connection.receive(OFFER_IQ);
        IQ reply = (IQ) connection.nextSent();
        // Smack's own answer to a request nobody handles
        assertEquals(IQ.Type.error, reply.getType());
        assertTrue(offers.isEmpty());
    }

    @Test
    void offerGoesOutAndTheAnswerComesBack() throws Exception {
        component.addStreamMethod(ibb, props(3, "sift.stream.priority", 10));
        component.addAccount(account);
        connection.peer = stanza -> {
            IQ iq = (IQ) stanza;
            if (iq instanceof DiscoverInfo) {
                return "<iq xmlns='jabber:client' type='result' id='" + iq.getStanzaId() + "' from='" + PEER + "' to='" + LOCAL + "'>"
                        + "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client' type='pc'/>"
                        + "<feature var='" + SiNamespaces.SI + "'/><feature var='" + FT + "'/><feature var='" + IBB + "'/>"
                        + "</query></iq>";
            }
            if (iq instanceof SiIq) {
                return "<iq xmlns='jabber:client' type='result' id='" + iq.getStanzaId() + "' from='" + PEER + "' to='" + LOCAL + "'>"
                        + "<si xmlns='http://jabber.org/protocol/si'><feature xmlns='http://jabber.org/protocol/feature-neg'>"
                        + "<x xmlns='jabber:x:data' type='submit'><field var='stream-method'><value>" + IBB + "</value>"
                        + "</field></x></feature></si></iq>";
            }
            return null;
        };
        StandardExtensionElement file = StandardExtensionElement.builder("file", FT)
                .addAttribute("name", "a.txt").addAttribute("size", "3").build();

        NegotiatedStream stream = component.offer(new StreamOffer("Alice@Example.org", PEER, FT, null, file, List.of(),
                Duration.ofSeconds(10)));

        assertSame(ibb, stream.method());
        assertEquals(PEER, stream.session().target());
        assertEquals(LOCAL, stream.session().initiator());
        SiIq sent = (SiIq) connection.sent.stream().filter(s -> s instanceof SiIq).findFirst().orElseThrow();
        // the peer announces in-band only, so only in-band was offered
        assertEquals(List.of(IBB), sent.form().orElseThrow().options());
        assertEquals(sent.sid(), stream.session().sid());
    }

    @Test
    void offerThatIsNeverAnsweredEndsWhenTheAccountGoesAway() throws Exception {
        component.addAccount(account);
        connection.peer = stanza -> stanza instanceof DiscoverInfo
                ? "<iq xmlns='jabber:client' type='result' id='" + ((IQ) stanza).getStanzaId() + "' from='" + PEER + "' to='" + LOCAL + "'>"
                        + "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client' type='pc'/>"
                        + "<feature var='" + SiNamespaces.SI + "'/><feature var='" + FT + "'/></query></iq>"
                : null;
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        Thread sender = new Thread(() -> {
            try {
                outcome.add(component.offer(new StreamOffer("alice@example.org", PEER, FT, null,
                        new StandardExtensionElement("file", FT), List.of(), Duration.ofMinutes(10))));
            } catch (Exception e) {
                outcome.add(e);
            }
        });
        sender.start();
        Stanza offer;
        do {
            offer = connection.nextSent();
        } while (!(offer instanceof SiIq));
        component.removeAccount(account);
        Object result = outcome.poll(10, TimeUnit.SECONDS);
        NegotiationException e = assertInstanceOf(NegotiationException.class, result);
        assertEquals(Kind.ACCOUNT_OFFLINE, e.kind());
    }

    @Test
    void offerForAnAccountThatIsNotBoundIsOffline() {
        NegotiationException e = assertThrows(NegotiationException.class, () -> component.offer(new StreamOffer(
                "nobody@example.org", PEER, FT, null, new StandardExtensionElement("file", FT), List.of(),
                Duration.ofSeconds(1))));
        assertEquals(Kind.ACCOUNT_OFFLINE, e.kind());
    }

    @Test
    void methodWithoutUsableNamespaceIsIgnored() {
        component.addAccount(account);
        component.addStreamMethod(new FakeStreamMethod("not a namespace", events), props(7));
        assertFalse(announces("not a namespace"));
    }

    @Test
    void presencesAreOrderedByPriority() throws Exception {
        List<org.jivesoftware.smack.packet.Presence> presences = List.of(
                Xml.stanza("<presence xmlns='jabber:client' from='bob@example.org/low'><priority>1</priority></presence>"),
                Xml.stanza("<presence xmlns='jabber:client' from='bob@example.org/away' type='unavailable'/>"),
                Xml.stanza("<presence xmlns='jabber:client' from='bob@example.org/high'><priority>10</priority></presence>"),
                Xml.stanza("<presence xmlns='jabber:client' from='bob@example.org/zero'/>"),
                Xml.stanza("<presence xmlns='jabber:client' from='bob@example.org/negative'><priority>-5</priority></presence>"));
        assertEquals(List.of("bob@example.org/high", "bob@example.org/low", "bob@example.org/zero",
                "bob@example.org/negative"), SmackAccountLink.byPriority(presences));
    }

    @Test
    void theFirstAccountOnlineRehearsesAnOfferOnceItsConnectionIsQuiet() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        NegotiationComponent rehearsing = new NegotiationComponent(NegotiationSettingsTest.config(Map.of()),
                Xml.recordingLogger(logged));
        LoopbackConnection second = new LoopbackConnection("carol@localhost/c");
        try {
            rehearsing.addAccount(account);
            rehearsing.addAccount(new Account(second, JidCreate.entityFullFrom("carol@localhost/c")));

            // the rehearsal's thread watches the first account's sent stanzas until the connection is quiet
            Thread rehearsal = connection.sendingListenerAdders.poll(30, TimeUnit.SECONDS);
            assertEquals("sift-rehearsal-negotiation", rehearsal.getName());
            rehearsal.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(rehearsal.isAlive());
            assertEquals(1, connection.sendingListenersRemoved.get());
            assertTrue(logged.stream().noneMatch(line -> line.contains("rehearsal failed")), logged.toString());
            assertTrue(second.sendingListenerAdders.isEmpty(), "a second account started a second rehearsal");
        } finally {
            rehearsing.deactivate();
        }
    }
}
