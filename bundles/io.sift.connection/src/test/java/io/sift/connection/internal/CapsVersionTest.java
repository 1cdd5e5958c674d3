package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;

import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;

class CapsVersionTest {

    private static final List<String> EXODUS_FEATURES = List.of(
            "http://jabber.org/protocol/caps",
            "http://jabber.org/protocol/disco#info",
            "http://jabber.org/protocol/disco#items",
            "http://jabber.org/protocol/muc");

    /** XEP-0115 section 5.2, the simple example. */
    @Test
    void theSpecificationsSimpleExample() {
        String ver = CapsVersion.of(Set.of(new DiscoverInfo.Identity("client", "Exodus 0.9.1", "pc")),
                EXODUS_FEATURES, List.of());
        assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", ver);
    }

    @Test
    void featureOrderDoesNotMatter() {
        Set<DiscoverInfo.Identity> identity = Set.of(new DiscoverInfo.Identity("client", "Exodus 0.9.1", "pc"));
        assertEquals(CapsVersion.of(identity, EXODUS_FEATURES, List.of()),
                CapsVersion.of(identity, List.of(EXODUS_FEATURES.get(3), EXODUS_FEATURES.get(1), EXODUS_FEATURES.get(0),
                        EXODUS_FEATURES.get(2)), List.of()));
    }

    @Test
    void anotherNameOrFeatureIsAnotherVersion() {
        Set<DiscoverInfo.Identity> exodus = Set.of(new DiscoverInfo.Identity("client", "Exodus 0.9.1", "pc"));
        Set<DiscoverInfo.Identity> sift = Set.of(new DiscoverInfo.Identity("client", "SIFT 1.0.0", "pc"));
        String base = CapsVersion.of(exodus, EXODUS_FEATURES, List.of());
        assertNotEquals(base, CapsVersion.of(sift, EXODUS_FEATURES, List.of()));
        assertNotEquals(base, CapsVersion.of(exodus, EXODUS_FEATURES.subList(0, 3), List.of()));
    }

    /** With a data form and several identities, Smack (as a peer) accepts the version as matching the answer. */
    /** XEP-0115 section 5.3, the complex example: identities in two languages and an extended data form. */
    @Test
    void theSpecificationsComplexExample() {
        List<DiscoverInfo.Identity> identities = List.of(
                new DiscoverInfo.Identity("client", "pc", "Psi 0.11", "en"),
                new DiscoverInfo.Identity("client", "pc", "\u03a8 0.11", "el"));
        DataForm form = DataForm.builder(DataForm.Type.result)
                .addField(FormField.hiddenBuilder("FORM_TYPE").setValue("urn:xmpp:dataforms:softwareinfo").build())
                .addField(FormField.textMultiBuilder("ip_version").addValue("ipv4").addValue("ipv6").build())
                .addField(FormField.textSingleBuilder("os").setValue("Mac").build())
                .addField(FormField.textSingleBuilder("os_version").setValue("10.5.1").build())
                .addField(FormField.textSingleBuilder("software").setValue("Psi").build())
                .addField(FormField.textSingleBuilder("software_version").setValue("0.11").build())
                .build();
        assertEquals("q07IKJEyjvHSyhy//CH0CxmKi8w=", CapsVersion.of(identities, EXODUS_FEATURES, List.of(form)));
    }
}
