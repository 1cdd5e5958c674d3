package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerRulesTest {

    private static PeerRules rules(String... entries) {
        PeerRules.Parsed parsed = PeerRules.parse("oneBlockAtATimePeers", entries);
        assertEquals(List.of(), parsed.problems());
        return parsed.rules();
    }

    private static PeerDescription saying(List<String> identities, String software) {
        return new PeerDescription(identities, Optional.ofNullable(software), false);
    }

    @Test
    void theDefaultTableKnowsSmackByEveryThingItSaysOfItself() {
        PeerRules.Parsed parsed = PeerRules.fromConfig(ConfigProxy.of(Map.of()));
        assertEquals(List.of(), parsed.problems());
        assertEquals("[caps:https://igniterealtime.org/projects/smack, caps:http://www.igniterealtime.org/projects/smack/, "
                + "identity:smack, version:smack]", parsed.rules().toString());
        PeerRules table = parsed.rules();
        assertTrue(table.matchCapsNode("https://igniterealtime.org/projects/smack").isPresent());
        assertTrue(table.matchCapsNode("http://www.igniterealtime.org/projects/smack/").isPresent());
        assertTrue(table.match(saying(List.of("client/pc/Smack"), null)).isPresent());
        assertTrue(table.match(saying(List.of(), "Spark (Smack 4.4.8)")).isPresent());
        assertTrue(table.needPeerAsked());
    }

    @ParameterizedTest
    @CsvSource({
        "caps:https://igniterealtime.org/projects/smack, https://igniterealtime.org/projects/smack, true",
        "caps:https://igniterealtime.org/projects/smack, HTTPS://IgniteRealtime.org/projects/smack#4.4, true",
        "caps:https://igniterealtime.org/projects/smack, https://example.org/https://igniterealtime.org/projects/smack, false",
        "caps:https://igniterealtime.org/projects/smack, https://sift.io, false",
        "CAPS:  https://Example.org  , https://example.org/client, true",
    })
    void capsRulesMatchTheStartOfTheNodeIgnoringCase(String entry, String node, boolean matches) {
        assertEquals(matches, rules(entry).matchCapsNode(node).isPresent());
    }

    @ParameterizedTest
    @CsvSource({
        "identity:Smack, client/pc/Smack, true",
        "identity:smack, client/pc/MySmackApp, true",
        "identity:client/pc/Smack, client/pc/Smack, true",
        "identity:client/pc/Smack, client/phone/Smack, false",
        "identity:Smack, client/pc/Gajim, false",
    })
    void identityRulesMatchAnywhereInCategoryTypeAndName(String entry, String identity, boolean matches) {
        assertEquals(matches, rules(entry).match(saying(List.of("server/im/Prosody", identity), null)).isPresent());
    }

    @ParameterizedTest
    @CsvSource({
        "version:Smack, Spark (Smack 4.4.8), true",
        "version:smack, Smack, true",
        "version:Smack, Gajim, false",
    })
    void versionRulesMatchAnywhereInTheSoftwareName(String entry, String software, boolean matches) {
        assertEquals(matches, rules(entry).match(saying(List.of(), software)).isPresent());
    }

    @Test
    void aRuleLooksOnlyWhereItsPrefixSays() {
        PeerRules table = rules("version:Smack");
        assertFalse(table.match(saying(List.of("client/pc/Smack"), null)).isPresent());
        assertFalse(table.matchCapsNode("smack").isPresent());
        assertFalse(rules("caps:smack").match(saying(List.of("client/pc/smack"), "smack")).isPresent());
    }

    @Test
    void theFirstMatchingRuleIsTheOneReported() {
        PeerRules table = rules("identity:client/pc", "identity:Smack", "version:Smack");
        assertEquals("identity:client/pc",
                table.match(saying(List.of("client/pc/Smack"), "Smack")).orElseThrow().toString());
        assertEquals("version:smack", table.match(saying(List.of("client/bot/x"), "Smack")).orElseThrow().toString());
    }

    @Test
    void onlyIdentityAndVersionRulesNeedThePeerAsked() {
        assertFalse(rules("caps:https://igniterealtime.org/projects/smack").needPeerAsked());
        assertFalse(PeerRules.NONE.needPeerAsked());
        assertTrue(rules("identity:x").needPeerAsked());
        assertTrue(rules("version:x").needPeerAsked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Smack", "capabilities:x", "identity Smack", "https://igniterealtime.org/projects/smack"})
    void anEntryWithoutAKnownPrefixIsNamed(String entry) {
        PeerRules.Parsed parsed = PeerRules.parse("oneBlockAtATimePeers", new String[] {"identity:ok", entry});
        assertEquals(List.of("oneBlockAtATimePeers: '" + entry.strip() + "' starts with none of caps:, identity:, version:"),
                parsed.problems());
        assertEquals("[identity:ok]", parsed.rules().toString(), "the good entries are still read");
    }

    @Test
    void anEntryWithNothingAfterItsPrefixIsNamed() {
        PeerRules.Parsed parsed = PeerRules.parse("oneBlockAtATimePeers", new String[] {"caps:", " version:  "});
        assertEquals(List.of("oneBlockAtATimePeers: 'caps:' has nothing to match after the prefix",
                "oneBlockAtATimePeers: 'version:' has nothing to match after the prefix"), parsed.problems());
    }

    @Test
    void blankEntriesAreSkipped() {
        // a console saves an empty list as one empty string
        PeerRules.Parsed parsed = PeerRules.parse("oneBlockAtATimePeers", new String[] {"", " ", null});
        assertEquals(List.of(), parsed.problems());
        assertEquals(List.of(), parsed.rules().rules());
    }

    @Test
    void oneValueMayHoldSeveralEntriesSeparatedByCommas() {
        // a configuration file read as plain properties gives one string
        PeerRules.Parsed parsed = PeerRules.parse("oneBlockAtATimePeers", new String[] {
            "caps:https://igniterealtime.org/projects/smack , identity:Smack,,version:Smack", "identity:Spark"});
        assertEquals(List.of(), parsed.problems());
        assertEquals("[caps:https://igniterealtime.org/projects/smack, identity:smack, version:smack, identity:spark]",
                parsed.rules().toString());
        assertEquals(List.of("oneBlockAtATimePeers: 'Smack' starts with none of caps:, identity:, version:"),
                PeerRules.parse("oneBlockAtATimePeers", new String[] {"identity:x, Smack"}).problems());
    }

    @Test
    void controlCharactersInAnEntryCannotForgeLogLines() {
        String problem = PeerRules.parse("oneBlockAtATimePeers", new String[] {"x\nERROR fake"}).problems().get(0);
        assertTrue(problem.contains("\\u000a"), problem);
        assertFalse(problem.contains("\n"), problem);
    }

    @Test
    void theDeprecatedCapsNodesAreStillReadAsCapsRules() {
        PeerRules.Parsed parsed = PeerRules.fromConfig(ConfigProxy.of(Map.of("oneBlockAtATimePeers", new String[0],
                "stopAndWaitCapsNodes", new String[] {"https://example.org/client", "https://example.org/other, "})));
        assertEquals(List.of(), parsed.problems());
        assertEquals("[caps:https://example.org/client, caps:https://example.org/other]", parsed.rules().toString());
        assertTrue(parsed.rules().matchCapsNode("https://example.org/client#1.0").isPresent());
    }

    @Test
    void anEmptyTableRecognisesNobody() {
        PeerRules.Parsed parsed = PeerRules.fromConfig(ConfigProxy.of(Map.of("oneBlockAtATimePeers", new String[0])));
        assertEquals(List.of(), parsed.rules().rules());
        assertFalse(parsed.rules().match(saying(List.of("client/pc/Smack"), "Smack")).isPresent());
        assertFalse(parsed.rules().matchCapsNode("https://igniterealtime.org/projects/smack").isPresent());
    }
}
