package io.sift.shell.internal.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.junit.jupiter.api.Test;

import io.sift.shell.internal.Completions;
import io.sift.shell.internal.Contacts;
import io.sift.shell.internal.TestSift;

/** Contacts as Karaf's completion gets them: best first, grouped, of the account given with --account. */
class ContactCompleterTest {

    private final TestSift fixture = new TestSift();
    private final ContactCompleter completer = new ContactCompleter();

    ContactCompleterTest() {
        completer.sift = fixture.sift;
        fixture.contacts("alice@example.org", List.of(Contacts.offline("carol@example.org"),
                Contacts.online("bob@example.org", true)));
        fixture.contacts("dave@example.org", List.of(Contacts.online("erin@example.org", false)));
    }

    @Test
    void everyAccountsContactsBestFirstWithTheirGroups() {
        List<Candidate> candidates = complete("sift:send ", "sift:send", "");
        assertEquals(List.of("bob@example.org", "erin@example.org", "carol@example.org"), values(candidates));
        assertEquals(List.of(Completions.CAN_RECEIVE, Completions.CANNOT_RECEIVE, Completions.OFFLINE),
                candidates.stream().map(Candidate::group).toList());
    }

    @Test
    void theAccountGivenBeforeTheCursorNarrowsThem() {
        assertEquals(List.of("bob@example.org", "carol@example.org"),
                values(complete("sift:send --account alice@example.org ", "sift:send", "--account", "alice@example.org", "")));
        assertEquals(List.of("erin@example.org"),
                values(complete("sift:send -a dave@example.org e", "sift:send", "-a", "dave@example.org", "e")));
    }

    @Test
    void aJidTheRosterDoesNotHaveIsItsOwnCandidateSoLaterArgumentsStillComplete() {
        // Karaf checks each earlier argument by completing it alone
        assertEquals(List.of("nobody@elsewhere.example"),
                values(complete("sift:send -a zed@example.org nobody@elsewhere.example", "sift:send", "-a",
                        "zed@example.org", "nobody@elsewhere.example")));
    }

    private List<Candidate> complete(String buffer, String... words) {
        int cursor = words.length - 1;
        String word = words[cursor];
        List<Candidate> candidates = new ArrayList<>();
        completer.completeCandidates(null, new CommandLineImpl(words, cursor, word.length(), buffer.length(), buffer),
                candidates);
        return candidates;
    }

    private static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).toList();
    }
}
