package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.Test;

import io.sift.api.FileTransferSupport;

class FeatureLearnerTest {

    private static final List<String> SIFT_FEATURES = List.of("http://jabber.org/protocol/disco#info",
            FeatureLearner.SI, FeatureLearner.FILE_TRANSFER, "http://jabber.org/protocol/ibb");

    /** A query per call, answered when the test says so. */
    private record Asked(Jid to, String node, CompletableFuture<DiscoverInfo> answer) {
    }

    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    private final List<Jid> learned = new CopyOnWriteArrayList<>();
    private final FeatureCache cache = new FeatureCache();
    private final FeatureLearner learner = new FeatureLearner((to, node) -> {
        CompletableFuture<DiscoverInfo> answer = new CompletableFuture<>();
        asked.add(new Asked(to, node, answer));
        return answer;
    }, cache, learned::add);

    @Test
    void oneVerifiedAnswerServesEveryResourceWithTheSameVersion() throws Exception {
        DiscoverInfo answer = info(SIFT_FEATURES);
        String ver = CapsVersion.of(answer.getIdentities(), SIFT_FEATURES, List.of());
        CapsExtension caps = new CapsExtension("https://sift.io", ver, "sha-1");
        Jid bob = JidCreate.from("bob@example.org/home");
        Jid carol = JidCreate.from("carol@example.org/work");

        assertEquals(FileTransferSupport.UNKNOWN, learner.support(bob, caps));
        assertEquals(FileTransferSupport.UNKNOWN, learner.support(carol, caps));
        assertEquals(1, asked.size(), "one query for one version");
        assertEquals("https://sift.io#" + ver, asked.get(0).node());

        asked.get(0).answer().complete(answer);
        assertEquals(List.of(bob, carol), learned);
        assertEquals(FileTransferSupport.SUPPORTED, learner.support(bob, caps));
        assertEquals(FileTransferSupport.SUPPORTED, learner.support(JidCreate.from("dave@example.org/x"), caps),
                "known from the cache without a query");
        assertEquals(1, asked.size());
    }

    @Test
    void anAnswerThatDoesNotHashToItsVersionIsNotSharedWithOthers() throws Exception {
        CapsExtension claimed = new CapsExtension("https://evil.example", "bogusVer=", "sha-1");
        Jid mallory = JidCreate.from("mallory@example.org/x");
        learner.support(mallory, claimed);
        asked.get(0).answer().complete(info(SIFT_FEATURES));
        assertEquals(FileTransferSupport.SUPPORTED, learner.support(mallory, claimed), "mallory itself is believed");
        assertEquals(FileTransferSupport.UNKNOWN, learner.support(JidCreate.from("bob@example.org/y"), claimed),
                "another resource with that version is asked itself");
        assertEquals(2, asked.size());
    }

    @Test
    void aPeerWithoutFileTransferOrWithoutDiscoIsUnsupported() throws Exception {
        Jid plain = JidCreate.from("plain@example.org/x");
        learner.support(plain, null);
        assertEquals(null, asked.get(0).node(), "no capabilities: the resource itself is asked");
        asked.get(0).answer().complete(info(List.of("http://jabber.org/protocol/disco#info", FeatureLearner.SI)));
        assertEquals(FileTransferSupport.UNSUPPORTED, learner.support(plain, null));

        Jid mute = JidCreate.from("mute@example.org/x");
        learner.support(mute, null);
        asked.get(1).answer().completeExceptionally(error(StanzaError.Condition.service_unavailable));
        assertEquals(FileTransferSupport.UNSUPPORTED, learner.support(mute, null));
    }

    @Test
    void aNodeTheResourceDoesNotKnowIsAskedAgainWithoutIt() throws Exception {
        Jid odd = JidCreate.from("odd@example.org/x");
        CapsExtension caps = new CapsExtension("http://odd.example", "abc", "sha-1");
        learner.support(odd, caps);
        asked.get(0).answer().completeExceptionally(error(StanzaError.Condition.item_not_found));
        assertEquals(2, asked.size());
        assertEquals(null, asked.get(1).node());
        asked.get(1).answer().complete(info(SIFT_FEATURES));
        assertEquals(FileTransferSupport.SUPPORTED, learner.support(odd, caps));
    }

    @Test
    void changedCapabilitiesOrComingBackOnlineAreAskedAgain() throws Exception {
        Jid bob = JidCreate.from("bob@example.org/home");
        learner.support(bob, null);
        asked.get(0).answer().complete(info(List.of()));
        CapsExtension caps = new CapsExtension("https://sift.io", "x", "md5");
        assertEquals(FileTransferSupport.UNKNOWN, learner.support(bob, caps), "new capabilities");
        asked.get(1).answer().complete(info(SIFT_FEATURES));
        assertEquals(FileTransferSupport.SUPPORTED, learner.support(bob, caps));
        learner.forget(bob);
        assertEquals(FileTransferSupport.UNKNOWN, learner.support(bob, caps));
        assertEquals(3, asked.size());
    }

    @Test
    void atMostFourQueriesAreOutAtOnce() throws Exception {
        List<Jid> peers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Jid peer = JidCreate.from("p" + i + "@example.org/x");
            peers.add(peer);
            learner.support(peer, null);
        }
        assertEquals(FeatureLearner.MAX_IN_FLIGHT, asked.size());
        asked.get(0).answer().complete(info(SIFT_FEATURES));
        assertEquals(FeatureLearner.MAX_IN_FLIGHT + 1, asked.size(), "the next one goes out as one comes back");
        for (int i = 1; i < 10; i++) {
            asked.get(i).answer().complete(info(List.of()));
        }
        assertEquals(10, asked.size());
        assertEquals(Set.copyOf(peers), Set.copyOf(learned));
    }

    private static DiscoverInfo info(List<String> features) {
        DiscoverInfoBuilder b = DiscoverInfo.builder("id").addIdentity(new DiscoverInfo.Identity("client", "pc", "SIFT"));
        features.forEach(b::addFeature);
        return b.build();
    }

    private static XMPPErrorException error(StanzaError.Condition condition) {
        return new XMPPErrorException(null, StanzaError.getBuilder(condition).build());
    }
}
