package io.sift.runtime.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The account given with {@code --jid} and {@code --password}: a configuration like any file's, of
 * factory PID {@code io.sift.connection} named {@code cli}, so the password also goes through the
 * interpolation plugin ({@code --password '$[env:NAME]'} keeps it out of the process list).
 */
final class CommandLineAccount {

    static final String FACTORY_PID = "io.sift.connection";
    static final String NAME = "cli";

    private CommandLineAccount() {
    }

    static void configure(ConfigurationAdmin admin, AccountOption account) throws IOException {
        Configuration config = admin.getFactoryConfiguration(FACTORY_PID, NAME, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("jid", account.jid());
        props.put("password", account.password());
        props.put("host", account.host());
        props.put("port", account.port());
        props.put("securityMode", account.tls() ? "REQUIRED" : "DISABLED");
        config.update(props);
    }
}
