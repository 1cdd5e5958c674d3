package io.sift.shell.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.sift.api.XmppAccount;

/**
 * The rows of {@code sift:accounts}: accounts online now (their XmppAccount services) and configured
 * accounts that are not (factory configurations of the connection bundle, which the API does not
 * describe: an offline account has no service to ask).
 */
final class AccountRows {

    static final String FACTORY_PID = "io.sift.connection";

    /** A configured account: its JID as configured and the configuration's PID. */
    record Configured(String jid, String pid) {
    }

    record Row(String jid, String state, String detail) {
    }

    private AccountRows() {
    }

    static List<Row> of(Collection<XmppAccount> online, Set<String> withFileTransfer, List<Configured> configured) {
        Map<String, Row> rows = new TreeMap<>();
        for (XmppAccount account : online) {
            String state = withFileTransfer.contains(account.jid()) ? "online" : "online (no file transfer)";
            rows.put(key(account.jid()), new Row(account.jid(), state, account.boundJid()));
        }
        for (Configured c : configured) {
            rows.putIfAbsent(key(c.jid()), new Row(c.jid(), "offline", c.pid()));
        }
        List<Row> result = new ArrayList<>(rows.values());
        result.sort(Comparator.comparing(r -> key(r.jid())));
        return result;
    }

    /** The account configurations ConfigAdmin holds; none if it cannot be read. */
    static List<Configured> configured(ConfigurationAdmin admin) {
        try {
            Configuration[] configs = admin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            if (configs == null) {
                return List.of();
            }
            List<Configured> result = new ArrayList<>();
            for (Configuration config : configs) {
                var props = config.getProperties();
                Object jid = props == null ? null : props.get("jid");
                String text = jid == null ? "" : jid.toString().strip();
                result.add(new Configured(text.isEmpty() ? "(no jid)" : text, config.getPid()));
            }
            return result;
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            return List.of();
        }
    }

    private static String key(String jid) {
        return jid.toLowerCase(Locale.ROOT);
    }
}
