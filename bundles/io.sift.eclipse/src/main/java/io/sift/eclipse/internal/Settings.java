package io.sift.eclipse.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads and writes the configurations the preference page edits, exactly as the Karaf admin would
 * write them in {@code etc/}: accounts (factory PID {@code io.sift.connection}), the download folder
 * ({@code io.sift.filetransfer}) and whether offers are asked about ({@code io.sift.eclipse}).
 * Account passwords go to secure storage; the configuration holds a {@code $[secret:NAME]}
 * placeholder that {@link SecretInterpolation} resolves. Properties this page does not edit are kept.
 */
@Component(service = Settings.class)
public final class Settings {

    public static final String FILETRANSFER_PID = "io.sift.filetransfer";

    private final ConfigurationAdmin admin;
    private final SecretStore secrets;

    @Activate
    public Settings(@Reference ConfigurationAdmin admin, @Reference SecretStore secrets) {
        this.admin = admin;
        this.secrets = secrets;
    }

    public List<AccountEntry> accounts() throws IOException {
        List<AccountEntry> result = new ArrayList<>();
        for (Configuration config : list("(service.factoryPid=" + AccountEntry.FACTORY_PID + ")")) {
            Dictionary<String, Object> p = config.getProperties();
            if (p == null) {
                continue;
            }
            result.add(new AccountEntry(Optional.of(config.getPid()), text(p.get("jid")), text(p.get("host")),
                    integer(p.get("port"), 5222), text(p.get("securityMode")).isEmpty() ? "REQUIRED"
                            : text(p.get("securityMode")), text(p.get("resource"))));
        }
        result.sort(Comparator.comparing(AccountEntry::jid));
        return result;
    }

    /**
     * Saves an account; a new password (when given) goes to secure storage first, so the account
     * never starts without it. Returns the configuration's PID.
     */
    public String save(AccountEntry entry, Optional<String> newPassword) throws IOException {
        Configuration config = entry.pid().isPresent()
                ? admin.getConfiguration(entry.pid().get(), "?")
                : admin.getFactoryConfiguration(AccountEntry.FACTORY_PID, entry.configurationName(), "?");
        Dictionary<String, Object> props = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        String secretName = SecretPlaceholders.name(props.get("password"))
                .orElse(SecretPlaceholders.forAccount(entry.configurationName()));
        if (newPassword.isPresent()) {
            secrets.put(secretName, newPassword.get());
        }
        props.put("jid", entry.jid().strip());
        props.put("password", SecretPlaceholders.of(secretName));
        putOrRemove(props, "host", entry.host().strip());
        props.put("port", entry.port());
        props.put("securityMode", entry.securityMode());
        putOrRemove(props, "resource", entry.resource().strip());
        // an update always delivers the configuration again, so a changed password alone restarts the account too
        config.update(props);
        return config.getPid();
    }

    public void remove(AccountEntry entry) throws IOException {
        if (entry.pid().isEmpty()) {
            return;
        }
        Configuration config = admin.getConfiguration(entry.pid().get(), "?");
        Dictionary<String, Object> props = config.getProperties();
        Optional<String> secretName = SecretPlaceholders.name(props == null ? null : props.get("password"));
        config.delete();
        secretName.ifPresent(secrets::remove);
    }

    /** The folder accepted files go to: as configured for file transfer, else its default {@code ~/Downloads}. */
    public Path downloadDirectory() {
        try {
            for (Configuration config : list("(service.pid=" + FILETRANSFER_PID + ")")) {
                Dictionary<String, Object> p = config.getProperties();
                String dir = p == null ? "" : text(p.get("downloadDirectory"));
                if (!dir.isEmpty()) {
                    return Path.of(dir).toAbsolutePath();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall back as file transfer itself does
        }
        return Path.of(System.getProperty("user.home"), "Downloads");
    }

    public void setDownloadDirectory(Path directory) throws IOException {
        update(FILETRANSFER_PID, "downloadDirectory", directory.toAbsolutePath().toString());
    }

    public boolean askOffers() {
        try {
            for (Configuration config : list("(service.pid=" + EclipseConfig.PID + ")")) {
                Dictionary<String, Object> p = config.getProperties();
                Object ask = p == null ? null : p.get("askOffers");
                if (ask != null) {
                    return Boolean.parseBoolean(ask.toString());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the component's default
        }
        return true;
    }

    public void setAskOffers(boolean ask) throws IOException {
        update(EclipseConfig.PID, "askOffers", ask);
    }

    private void update(String pid, String key, Object value) throws IOException {
        // "?": not bound to this bundle, so the bundle that reads it still gets it
        Configuration config = admin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        if (value.equals(props.get(key))) {
            return;
        }
        props.put(key, value);
        config.update(props);
    }

    private Configuration[] list(String filter) throws IOException {
        try {
            Configuration[] configs = admin.listConfigurations(filter);
            return configs == null ? new Configuration[0] : configs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void putOrRemove(Dictionary<String, Object> props, String key, String value) {
        if (value.isEmpty()) {
            props.remove(key);
        } else {
            props.put(key, value);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }

    private static int integer(Object value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
