package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.api.XmppAccount;

class OfferDeciderTest {

    private static final Path DOWNLOADS = Paths.get("/srv/downloads");

    private final RecordingLogger log = new RecordingLogger();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private static OfferView offer(String account, boolean fromRoster) {
        return new OfferView("t7", account, "alice@example.org/home", "a.txt", "a.txt", 10, Optional.empty(),
                Optional.empty(), Optional.empty(), fromRoster);
    }

    private OfferHandler handler(String name, OfferDecision decision) {
        return offer -> {
            asked.add(name);
            return decision;
        };
    }

    private OfferDecider decider(OfferPolicy policy) {
        return new OfferDecider(policy, DOWNLOADS, log.logger());
    }

    @Test
    void aNewPolicyAppliesToTheNextOffer() {
        OfferDecider d = decider(OfferPolicy.DECLINE);
        assertTrue(d.decide(offer("bob@example.org", true)).isDecline());
        Path elsewhere = Paths.get("/srv/incoming");
        d.configure(OfferPolicy.ACCEPT, elsewhere);
        OfferDecision accepted = d.decide(offer("bob@example.org", false));
        assertTrue(accepted.isAccept());
        assertEquals(Optional.of(elsewhere), accepted.directory());
    }

    @Test
    void handlersAreAskedByRankingThenByAge() {
        OfferDecider d = decider(OfferPolicy.DECLINE);
        d.add(new FakeServiceReference<>(5, 0), handler("id5-rank0", OfferDecision.pass()));
        d.add(new FakeServiceReference<>(2, 0), handler("id2-rank0", OfferDecision.pass()));
        d.add(new FakeServiceReference<>(9, 10), handler("id9-rank10", OfferDecision.pass()));
        d.add(new FakeServiceReference<>(1, -3), handler("id1-rank-3", OfferDecision.pass()));
        d.add(new FakeServiceReference<>(7, 10), handler("id7-rank10", OfferDecision.pass()));
        d.decide(offer("bob@example.org", true));
        assertEquals(List.of("id7-rank10", "id9-rank10", "id2-rank0", "id5-rank0", "id1-rank-3"), asked);
    }

    @Test
    void theFirstHandlerThatDecidesWins() {
        OfferDecider d = decider(OfferPolicy.ACCEPT);
        Path mine = Paths.get("/home/bob/incoming");
        d.add(new FakeServiceReference<>(1, 100), handler("passes", OfferDecision.pass()));
        d.add(new FakeServiceReference<>(2, 50), handler("accepts", OfferDecision.acceptInto(mine)));
        d.add(new FakeServiceReference<>(3, 10), handler("declines", OfferDecision.decline("no")));
        OfferDecision decision = d.decide(offer("bob@example.org", false));
        assertTrue(decision.isAccept());
        assertEquals(Optional.of(mine), decision.directory());
        assertEquals(List.of("passes", "accepts"), asked);
    }

    @Test
    void aDeclineStopsTheQuestioning() {
        OfferDecider d = decider(OfferPolicy.ACCEPT);
        d.add(new FakeServiceReference<>(1, 1), handler("declines", OfferDecision.decline("too big")));
        d.add(new FakeServiceReference<>(2, 0), handler("accepts", OfferDecision.acceptInto(DOWNLOADS)));
        OfferDecision decision = d.decide(offer("bob@example.org", true));
        assertTrue(decision.isDecline());
        assertEquals(Optional.of("too big"), decision.reason());
        assertEquals(List.of("declines"), asked);
    }

    @Test
    void aHandlerThatThrowsIsSkippedAndLogged() {
        OfferDecider d = decider(OfferPolicy.DECLINE);
        d.add(new FakeServiceReference<>(1, 10), offer -> {
            asked.add("throws");
            throw new IllegalStateException("broken handler");
        });
        d.add(new FakeServiceReference<>(2, 5), handler("null", null));
        d.add(new FakeServiceReference<>(3, 0), handler("accepts", OfferDecision.acceptInto(DOWNLOADS)));
        OfferDecision decision = d.decide(offer("bob@example.org", true));
        assertTrue(decision.isAccept());
        assertEquals(List.of("throws", "null", "accepts"), asked);
        List<RecordingLogger.Call> warnings = log.calls("warn");
        assertEquals(1, warnings.size(), log.calls()::toString);
        assertTrue(warnings.get(0).args().contains("t7"), warnings.toString());
        assertTrue(warnings.get(0).args().stream().anyMatch(a -> a.toString().contains("broken handler")));
    }

    @Test
    void aHandlerForAnotherAccountIsNotAsked() {
        OfferDecider d = decider(OfferPolicy.DECLINE);
        d.add(new FakeServiceReference<>(1, 10, Map.of(XmppAccount.JID, "carol@example.org")),
                handler("carol's", OfferDecision.acceptInto(DOWNLOADS)));
        d.add(new FakeServiceReference<>(2, 5, Map.of(XmppAccount.JID, "BOB@example.org")),
                handler("bob's", OfferDecision.pass()));
        d.add(new FakeServiceReference<>(3, 0), handler("anyone's", OfferDecision.pass()));
        OfferDecision decision = d.decide(offer("bob@example.org", true));
        assertTrue(decision.isDecline());
        assertEquals(List.of("bob's", "anyone's"), asked);
    }

    @Test
    void aRemovedHandlerIsNotAsked() {
        OfferDecider d = decider(OfferPolicy.DECLINE);
        FakeServiceReference<OfferHandler> ref = new FakeServiceReference<>(1, 0);
        d.add(ref, handler("removed", OfferDecision.acceptInto(DOWNLOADS)));
        d.remove(new FakeServiceReference<>(1, 0));
        assertTrue(d.decide(offer("bob@example.org", true)).isDecline());
        assertEquals(List.of(), asked);
    }

    @Test
    void withoutHandlersThePolicyDecides() {
        assertTrue(decider(OfferPolicy.DECLINE).decide(offer("bob@example.org", true)).isDecline());

        OfferDecision accept = decider(OfferPolicy.ACCEPT).decide(offer("bob@example.org", false));
        assertTrue(accept.isAccept());
        assertEquals(Optional.of(DOWNLOADS), accept.directory());

        OfferDecision fromContact = decider(OfferPolicy.ACCEPT_FROM_ROSTER).decide(offer("bob@example.org", true));
        assertTrue(fromContact.isAccept());
        assertEquals(Optional.of(DOWNLOADS), fromContact.directory());

        OfferDecision fromStranger = decider(OfferPolicy.ACCEPT_FROM_ROSTER).decide(offer("bob@example.org", false));
        assertTrue(fromStranger.isDecline());
        assertTrue(fromStranger.reason().isPresent());
    }

    @Test
    void whenEveryHandlerPassesThePolicyDecides() {
        OfferDecider d = decider(OfferPolicy.ACCEPT_FROM_ROSTER);
        d.add(new FakeServiceReference<>(1, 0), handler("passes", OfferDecision.pass()));
        IncomingOffer stranger = offer("bob@example.org", false);
        assertTrue(d.decide(stranger).isDecline());
        assertTrue(d.decide(offer("bob@example.org", true)).isAccept());
        assertEquals(List.of("passes", "passes"), asked);
    }
}
