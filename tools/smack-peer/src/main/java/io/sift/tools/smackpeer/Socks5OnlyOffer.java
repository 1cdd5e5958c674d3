package io.sift.tools.smackpeer;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.si.packet.StreamInitiation;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * Makes the file offer list SOCKS5 bytestreams only. Smack 4.4.8 has a switch for in-band only
 * (FileTransferNegotiator.IBB_ONLY) but none for SOCKS5 only: it always lists both and the receiver picks.
 * The stream-method form of the outgoing offer is replaced on its way out; the rest is Smack's.
 */
final class Socks5OnlyOffer {

    static final String STREAM_METHOD = "stream-method";

    private Socks5OnlyOffer() {
    }

    // the stanza interceptor is deprecated in Smack 4.4 but is its only hook that can change an outgoing IQ
    @SuppressWarnings("deprecation")
    static void install(XMPPConnection connection) {
        StanzaListener restrict = stanza -> restrict((StreamInitiation) stanza);
        connection.addStanzaInterceptor(restrict, Socks5OnlyOffer::isOffer);
    }

    static void restrict(StreamInitiation offer) {
        offer.setFeatureNegotiationForm(form());
    }

    static boolean isOffer(Stanza stanza) {
        return stanza instanceof StreamInitiation offer && offer.getType() == IQ.Type.set;
    }

    /** The same form Smack builds, with one option. */
    private static DataForm form() {
        return DataForm.builder(DataForm.Type.form)
                .addField(FormField.listSingleBuilder(STREAM_METHOD).addOption(Bytestream.NAMESPACE).build())
                .build();
    }
}
