package io.sift.ibb.internal;

import java.util.Locale;
import java.util.Objects;

import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import io.sift.spi.StreamException;

/** The JIDs of a session, which arrive as strings, against the JIDs of received stanzas. */
final class Jids {

    private Jids() {
    }

    /**
     * Whether a stanza's sender is the expected full JID. The bare part is compared ignoring case
     * (servers normalise it, but a session's string may be written either way); the resource is
     * compared exactly, as XMPP does.
     */
    static boolean isSender(Jid from, String expected) {
        if (from == null || expected == null) {
            return false;
        }
        String actual = from.toString();
        int a = actual.indexOf('/');
        int e = expected.indexOf('/');
        String actualBare = a < 0 ? actual : actual.substring(0, a);
        String expectedBare = e < 0 ? expected : expected.substring(0, e);
        String actualResource = a < 0 ? null : actual.substring(a + 1);
        String expectedResource = e < 0 ? null : expected.substring(e + 1);
        return actualBare.toLowerCase(Locale.ROOT).equals(expectedBare.toLowerCase(Locale.ROOT))
                && Objects.equals(actualResource, expectedResource);
    }

    /** A session's JID as Smack addresses it. */
    static Jid parse(String jid, String role) throws StreamException {
        try {
            return JidCreate.from(jid);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new StreamException(StreamException.Kind.BROKEN,
                    "the " + role + " '" + Printable.of(jid) + "' is not a valid JID", e);
        }
    }
}
