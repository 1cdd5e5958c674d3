/**
 * Karaf's branding of its console, as Karaf documents it: the shell core reads
 * {@code branding.properties} (welcome text, prompt) from this package where a bundle exports it.
 * The runnable jar's console is SIFT's.
 */
@Export
@Version("1.0.0")
package org.apache.karaf.branding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
