/**
 * How a {@code sift:} command ends for whoever runs it as a program (the runnable jar): a failure
 * with one line for people and an exit status.
 */
@Export
@Version("1.0.0")
package io.sift.shell.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
