package io.sift.runtime.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Hands configurations to ConfigAdmin, as FileInstall would hand over the files of an etc/ folder. */
final class ConfigLoader {

    /** Service property naming the file a configuration came from (as FileInstall marks its own). */
    static final String SOURCE = "sift.runtime.source";
    static final String ACCOUNT_FACTORY_PID = "io.sift.connection";

    private final ConfigurationAdmin admin;

    ConfigLoader(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** Creates or replaces each configuration; returns the JIDs of the account configurations. */
    List<String> apply(List<EtcFolder.ConfigFile> files) throws IOException {
        List<String> accounts = new ArrayList<>();
        for (EtcFolder.ConfigFile file : files) {
            Configuration config = file.isFactory()
                    ? admin.getFactoryConfiguration(file.factoryPid(), file.name(), "?")
                    : admin.getConfiguration(file.pid(), "?");
            Dictionary<String, Object> props = new Hashtable<>(file.properties());
            props.put(SOURCE, file.file().toAbsolutePath().toString());
            config.update(props);
            if (ACCOUNT_FACTORY_PID.equals(file.factoryPid())) {
                String jid = file.properties().getOrDefault("jid", "");
                if (!jid.isBlank()) {
                    accounts.add(jid.strip());
                }
            }
        }
        return accounts;
    }

    /** The account given on the command line, as factory configuration {@code io.sift.connection~cli}. */
    String apply(AccountOption account) throws IOException {
        Configuration config = admin.getFactoryConfiguration(ACCOUNT_FACTORY_PID, "cli", "?");
        Dictionary<String, Object> props = new Hashtable<>(Map.of(
                "jid", account.jid(),
                "password", account.password(),
                "host", account.host(),
                "port", account.port(),
                "securityMode", account.tls() ? "REQUIRED" : "DISABLED",
                SOURCE, "command line"));
        config.update(props);
        return account.jid();
    }
}
