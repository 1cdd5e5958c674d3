package io.sift.runtime.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The JIDs of the account configurations ConfigAdmin holds, whether from files or the command line. */
final class ConfiguredAccounts {

    private ConfiguredAccounts() {
    }

    static List<String> jids(ConfigurationAdmin admin) throws IOException {
        Configuration[] configurations;
        try {
            configurations = admin.listConfigurations(
                    "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + CommandLineAccount.FACTORY_PID + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (configurations == null) {
            return List.of();
        }
        List<String> jids = new ArrayList<>();
        Arrays.stream(configurations).sorted(Comparator.comparing(Configuration::getPid)).forEach(c -> {
            // as the account sees it: a JID may be a placeholder too
            Dictionary<String, Object> props = c.getProcessedProperties(null);
            Object jid = props == null ? null : props.get("jid");
            if (jid != null && !jid.toString().isBlank()) {
                jids.add(jid.toString().strip());
            }
        });
        return List.copyOf(jids);
    }
}
