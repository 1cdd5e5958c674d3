/**
 * The live XMPP connection of an account, for SIFT's own protocol bundles (negotiation and stream
 * methods). It names Smack types, so applications use {@link io.sift.api} instead.
 */
@Export
@Version("1.2.0")
package io.sift.connection;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
