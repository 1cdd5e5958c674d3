package io.sift.runtime.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The settings with which Felix FileInstall reads the configuration folder and ConfigAdmin's
 * interpolation plugin finds secrets, as the framework properties both read when they start (the
 * names Karaf's {@code etc/config.properties} uses too).
 */
final class EtcSettings {

    static final String DIR = "felix.fileinstall.dir";
    static final String FILTER = "felix.fileinstall.filter";
    static final String POLL = "felix.fileinstall.poll";
    static final String NO_INITIAL_DELAY = "felix.fileinstall.noInitialDelay";
    static final String CONFIG_SAVE = "felix.fileinstall.enableConfigSave";
    static final String ENCODING = "felix.fileinstall.configEncoding";
    static final String SECRETS_DIR = "org.apache.felix.configadmin.plugin.interpolation.secretsdir";

    /** Where secrets are looked for unless {@link #SECRETS_DIR} is given: beside the files that name them. */
    static final String DEFAULT_SECRETS = "secrets";

    private EtcSettings() {
    }

    /**
     * The properties to set for reading {@code etc}.
     *
     * @param given the value of a property already set for the process (e.g. {@code java -Dname=value}),
     *        null if none: the poll interval, encoding and secrets directory given that way are kept
     */
    static Map<String, String> of(Path etc, UnaryOperator<String> given) {
        Map<String, String> settings = new LinkedHashMap<>();
        // the folder given on the command line, whatever else the process was told
        settings.put(DIR, etc.toAbsolutePath().normalize().toString());
        // only configuration files: FileInstall would also install and start any bundle it finds there
        settings.put(FILTER, ".*\\.cfg");
        // the first scan happens while FileInstall starts, so the configurations exist once it has
        settings.put(NO_INITIAL_DELAY, "true");
        // the folder is the user's: never write configuration changes back into it
        settings.put(CONFIG_SAVE, "false");
        settings.put(POLL, Optional.ofNullable(given.apply(POLL)).orElse("1000"));
        settings.put(ENCODING, Optional.ofNullable(given.apply(ENCODING)).orElse("UTF-8"));
        settings.put(SECRETS_DIR, Optional.ofNullable(given.apply(SECRETS_DIR))
                .orElse(etc.toAbsolutePath().normalize().resolve(DEFAULT_SECRETS).toString()));
        return settings;
    }
}
