package io.sift.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Account configurations (factory PID io.sift.connection) made through ConfigAdmin, deleted on close. */
public final class Accounts implements AutoCloseable {

    public static final String FACTORY_PID = "io.sift.connection";

    private final ConfigurationAdmin configAdmin;
    private final List<Configuration> created = new ArrayList<>();

    public Accounts(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Settings for a test account on the local Prosody. */
    public static Hashtable<String, Object> localAccount(String user) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jid", LocalProsody.jid(user));
        props.put("password", LocalProsody.password(user));
        props.put("host", LocalProsody.HOST);
        props.put("port", LocalProsody.c2sPort());
        props.put("securityMode", "DISABLED");
        props.put("resource", "itest");
        return props;
    }

    /** Creates configuration {@code io.sift.connection~name}; returns its PID. */
    public String create(String name, Dictionary<String, Object> props) throws IOException {
        Configuration config = configAdmin.getFactoryConfiguration(FACTORY_PID, name, "?");
        config.update(props);
        created.add(config);
        return config.getPid();
    }

    public String createLocal(String user) throws IOException {
        return create(user, localAccount(user));
    }

    @Override
    public void close() throws IOException {
        for (Configuration config : created) {
            config.delete();
        }
        created.clear();
    }
}
