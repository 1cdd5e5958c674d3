package io.sift.connection.internal;

import java.util.Set;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.jivesoftware.smackx.time.EntityTimeManager;

/**
 * What one connection says of itself before SIFT's bundles add their features: SIFT's identity and
 * version, its own entity capabilities, and of the features Smack's managers announce on every
 * connection only those SIFT really serves. Smack would otherwise announce MUC, XHTML-IM, privacy
 * lists, receipts, ad-hoc commands..., so peers would send requests nobody handles, and its identity
 * ({@code Smack}) would make SIFT look like a plain Smack client.
 */
final class SelfDescription implements AutoCloseable {

    /** Features of Smack's own managers that SIFT serves on every connection. */
    static final Set<String> SMACK_FEATURES_SERVED = Set.of(
            DiscoverInfo.NAMESPACE,
            DiscoverItems.NAMESPACE,
            CapsExtension.NAMESPACE,
            Ping.NAMESPACE,
            Version.NAMESPACE);

    private final AnnouncedCapabilities capabilities;

    SelfDescription(XMPPConnection connection, SoftwareIdentity software) {
        // first: no feature may change while Smack's own caps computation is still on
        this.capabilities = new AnnouncedCapabilities(connection);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        disco.setIdentity(software.discoIdentity());
        connection.registerIQRequestHandler(new SoftwareVersionHandler(software));
        disco.addFeature(Version.NAMESPACE);
        // SIFT reads no chat messages, so it must not confirm their delivery, nor report idle time or a clock
        DeliveryReceiptManager.getInstanceFor(connection).setAutoReceiptMode(DeliveryReceiptManager.AutoReceiptMode.disabled);
        LastActivityManager.getInstanceFor(connection).disable();
        EntityTimeManager.getInstanceFor(connection).disable();
        for (String feature : disco.getFeatures()) {
            if (!SMACK_FEATURES_SERVED.contains(feature)) {
                disco.removeFeature(feature);
            }
        }
    }

    /** See {@link AnnouncedCapabilities#smackCapsComputed()}. */
    boolean smackCapsComputed() {
        return capabilities.smackCapsComputed();
    }

    @Override
    public void close() {
        capabilities.close();
    }
}
