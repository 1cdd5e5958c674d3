package io.sift.itests.karaf;

import java.io.IOException;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The sample configuration files the SIFT features put into Karaf's etc/ (the files in
 * features/src/main/etc), and whether Karaf's FileInstall has read them yet.
 */
final class SampleConfiguration {

    /** Plain PIDs whose sample is installed as {@code etc/<pid>.cfg} and so becomes live. */
    static final List<String> PIDS = List.of("io.sift.filetransfer", "io.sift.negotiation", "io.sift.ibb",
            "io.sift.socks5", "io.sift.shell");

    /** The account sample: installed under a name FileInstall skips, since it names an example server. */
    static final String ACCOUNT_SAMPLE = "io.sift.connection-alice.cfg.sample";

    /** Where the sample of the account comes from, in features/src/main/etc. */
    static final String ACCOUNT_SOURCE = "io.sift.connection-alice.cfg";

    private SampleConfiguration() {
    }

    /**
     * Whether the configuration of {@code pid} came from its file in etc/. FileInstall polls etc/
     * and applies a file some time after the feature wrote it; a configuration a test sets through
     * ConfigAdmin before that would be overwritten by the file's values.
     */
    static boolean readFromEtc(ConfigurationAdmin configAdmin, String pid) {
        try {
            return configAdmin.listConfigurations(
                    "(&(service.pid=" + pid + ")(felix.fileinstall.filename=*" + pid + ".cfg))") != null;
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("Cannot list the configurations of " + pid, e);
        }
    }
}
