package io.sift.connection.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.util.Consumer;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.AbstractNodeInformationProvider;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * Entity capabilities (XEP-0115) of one connection, computed when each available presence is sent.
 *
 * <p>Smack's own EntityCapsManager computes the version 25 ms after a feature changes, on another
 * thread; a presence sent in between carries the version of the old feature set, and two quick
 * changes can leave the older version announced last. A peer that caches by version then keeps a
 * feature list SIFT no longer has (or misses one it has). Here the version is computed from the
 * disco#info answer as it is at the moment the presence leaves, so the last presence always describes
 * the current features; Smack's service discovery re-sends the presence after every change.
 */
final class AnnouncedCapabilities implements AutoCloseable {

    /** The node that names SIFT in every presence; peers tell clients apart by it. */
    static final String NODE = "https://sift.io";

    /** Earlier versions still answered: a peer may ask about the version of a presence sent just before. */
    private static final int VERSIONS_KEPT = 8;

    private final XMPPConnection connection;
    private final ServiceDiscoveryManager disco;
    private final Consumer<PresenceBuilder> interceptor = this::addCaps;
    private final Deque<String> answeredNodes = new ArrayDeque<>(); // guarded by this

    /**
     * Must run before any feature of the connection changes: Smack's own caps version, once computed,
     * would be added to presences too, and its interceptor cannot be removed.
     */
    AnnouncedCapabilities(XMPPConnection connection) {
        this.connection = connection;
        this.disco = ServiceDiscoveryManager.getInstanceFor(connection);
        EntityCapsManager.getInstanceFor(connection).disableEntityCaps();
        disco.addFeature(CapsExtension.NAMESPACE);
        connection.addPresenceInterceptor(interceptor, presence -> presence.getType() == Presence.Type.available);
    }

    /** Whether Smack computed a caps version of its own before it was turned off (its presences would then disagree). */
    boolean smackCapsComputed() {
        return EntityCapsManager.getInstanceFor(connection).getCapsVersionAndHash() != null;
    }

    private void addCaps(PresenceBuilder presence) {
        Set<DiscoverInfo.Identity> identities = disco.getIdentities();
        List<String> features = disco.getFeatures();
        List<DataForm> forms = disco.getExtendedInfo();
        String ver = CapsVersion.of(identities, features, forms);
        answerNode(NODE + '#' + ver, List.copyOf(identities), features, forms);
        presence.overrideExtension(new CapsExtension(NODE, ver, CapsVersion.HASH));
    }

    /** disco#info addressed to {@code node#ver} gets the answer the version was computed from. */
    private synchronized void answerNode(String node, List<DiscoverInfo.Identity> identities, List<String> features,
            List<DataForm> forms) {
        if (answeredNodes.contains(node)) {
            return;
        }
        disco.setNodeInformationProvider(node, new AbstractNodeInformationProvider() {
            @Override
            public List<String> getNodeFeatures() {
                return features;
            }

            @Override
            public List<DiscoverInfo.Identity> getNodeIdentities() {
                return identities;
            }

            @Override
            public List<DataForm> getNodePacketExtensions() {
                return forms;
            }
        });
        answeredNodes.addLast(node);
        while (answeredNodes.size() > VERSIONS_KEPT) {
            disco.removeNodeInformationProvider(answeredNodes.removeFirst());
        }
    }

    @Override
    public synchronized void close() {
        connection.removePresenceInterceptor(interceptor);
        answeredNodes.forEach(disco::removeNodeInformationProvider);
        answeredNodes.clear();
    }
}
