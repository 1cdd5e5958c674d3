/**
 * The public API of SIFT. Nothing in it names a Smack or jxmpp type, so consumers (shell
 * commands, applications, an Eclipse action) depend on this package only.
 */
@Export
@Version("1.2.0")
package io.sift.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
