package io.sift.connection.internal;

import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.osgi.framework.Version;

/**
 * How SIFT names itself to peers: the disco#info identity and the XEP-0092 answer.
 *
 * @param name the software's name, {@code SIFT}
 * @param version its version, from the connection bundle
 */
record SoftwareIdentity(String name, String version) {

    static final String NAME = "SIFT";

    static SoftwareIdentity of(Version bundleVersion) {
        String version = bundleVersion.getMajor() + "." + bundleVersion.getMinor() + "." + bundleVersion.getMicro();
        return new SoftwareIdentity(NAME, bundleVersion.getQualifier().isEmpty()
                ? version : version + "-" + bundleVersion.getQualifier());
    }

    /** A client on a computer ({@code client/pc}), named with the software and its version. */
    DiscoverInfo.Identity discoIdentity() {
        // Smack's three-argument constructor takes the name second
        return new DiscoverInfo.Identity("client", name + " " + version, "pc");
    }
}
