/**
 * How SIFT shows transfers to people and scripts: sizes, rates, the progress bar, the outcome line
 * and the result line. Shared by the shell commands and the standalone runtime's command line, so a
 * transfer reads the same in both.
 */
@Export
@Version("1.0.0")
package io.sift.shell.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
