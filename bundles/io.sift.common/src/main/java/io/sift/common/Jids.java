package io.sift.common;

import java.util.Locale;
import java.util.Objects;

import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import io.sift.spi.StreamException;

/** The JIDs of a session, which arrive as strings, against the JIDs of received stanzas. */
public final class Jids {

    private Jids() {
    }

    /**
     * Whether a stanza's sender is the expected full JID. The bare part is compared ignoring case
     * (servers normalise it, but a session's string may be written either way); the resource is
     * compared exactly, as XMPP does.
     */
    public static boolean isSender(Jid from, String expected) {
        return from != null && same(from.toString(), expected);
    }

    /** Whether two JIDs as written name the same entity (bare part ignoring case, resource exactly). */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        int i = a.indexOf('/');
        int j = b.indexOf('/');
        String aBare = i < 0 ? a : a.substring(0, i);
        String bBare = j < 0 ? b : b.substring(0, j);
        String aResource = i < 0 ? null : a.substring(i + 1);
        String bResource = j < 0 ? null : b.substring(j + 1);
        return aBare.toLowerCase(Locale.ROOT).equals(bBare.toLowerCase(Locale.ROOT))
                && Objects.equals(aResource, bResource);
    }

    /** A session's JID as Smack addresses it. */
    public static Jid parse(String jid, String role) throws StreamException {
        try {
            return JidCreate.from(jid);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new StreamException(StreamException.Kind.BROKEN,
                    "the " + role + " '" + Printable.of(jid) + "' is not a valid JID", e);
        }
    }

    /** Whether a peer's text is a JID at all. */
    public static boolean isValid(String jid) {
        if (jid == null || jid.isEmpty()) {
            return false;
        }
        try {
            JidCreate.from(jid);
            return true;
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return false;
        }
    }
}
