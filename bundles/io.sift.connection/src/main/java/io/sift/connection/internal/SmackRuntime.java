package io.sift.connection.internal;

import java.util.List;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.xml.SmackXmlParser;
import org.jivesoftware.smack.xml.XmlPullParserFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Prepares Smack's JVM-wide state before any connection is made; account components depend on
 * this service, so none of them touches Smack too early.
 *
 * <p>Smack initialises once per JVM, on first use. Inside OSGi two things must be in place by then:
 * <ul>
 * <li>The XML parser. Smack finds it through {@link java.util.ServiceLoader}, which inside OSGi only
 * works once SPI Fly has processed smack-xmlparser-stax; if Smack initialises before that, it fails
 * for good. Referencing the parser factory as a service (SPI Fly registers it) and handing it to
 * Smack removes the start-order race.</li>
 * <li>Smack's own transfer managers must stay off: they would answer the SI, bytestream and
 * in-band requests that SIFT's bundles serve, and announce disco features for them.</li>
 * </ul>
 */
@Component(service = SmackRuntime.class)
public final class SmackRuntime {

    /** Package prefixes (last segment lower case) that Smack's start-up must skip. */
    static final List<String> DISABLED_SMACK_PACKAGES = List.of(
            "org.jivesoftware.smackx.bytestreams",
            "org.jivesoftware.smackx.filetransfer",
            "org.jivesoftware.smackx.si");

    @Activate
    public SmackRuntime(@Reference XmlPullParserFactory parserFactory) {
        SmackXmlParser.setXmlPullParserFactory(parserFactory);
        for (String prefix : DISABLED_SMACK_PACKAGES) {
            SmackConfiguration.addDisabledSmackClass(prefix);
        }
        // Runs Smack's one-time initialisation now, with the parser known and the managers disabled.
        SmackConfiguration.getVersion();
    }

    /** The Smack version in use, for diagnostics. */
    public String smackVersion() {
        return SmackConfiguration.getVersion();
    }
}
