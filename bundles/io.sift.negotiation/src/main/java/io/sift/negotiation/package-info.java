/**
 * XEP-0095 Stream Initiation for SIFT's profile bundles (the file-transfer profile is one): offer a
 * stream to a peer, and serve the offers that arrive. Names Smack types (a profile's payload is a
 * Smack element), so applications use {@link io.sift.api} instead.
 */
@Export
@Version("1.2.0")
package io.sift.negotiation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
