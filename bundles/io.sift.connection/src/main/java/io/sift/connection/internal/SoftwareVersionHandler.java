package io.sift.connection.internal;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.iqversion.packet.Version;

/**
 * Answers XEP-0092 software version requests with SIFT's name and version. It takes the place of
 * Smack's own answer, which is either an error (no version set) or names Smack: a peer that works
 * around Smack's quirks by the name would apply them to SIFT. The operating system is not disclosed.
 */
final class SoftwareVersionHandler extends AbstractIqRequestHandler {

    private final SoftwareIdentity software;

    SoftwareVersionHandler(SoftwareIdentity software) {
        super(Version.ELEMENT, Version.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.async);
        this.software = software;
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        return Version.createResultFor(request, new Version(software.name(), software.version()));
    }
}
