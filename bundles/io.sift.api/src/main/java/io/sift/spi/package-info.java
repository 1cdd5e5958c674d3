/**
 * What a stream method bundle implements (XEP-0047, XEP-0065, ...), independent of how the stream
 * was negotiated: Stream Initiation today, Jingle transports tomorrow.
 */
@Export
@Version("1.0.0")
package io.sift.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
