package io.sift.shell.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Where {@code sift:accept <id>} without a directory puts a file: the download directory configured
 * for file transfer (PID {@code io.sift.filetransfer}), or, as file transfer itself defaults,
 * {@code ~/Downloads}.
 */
final class DownloadDirectory {

    static final String FILETRANSFER_PID = "io.sift.filetransfer";

    private DownloadDirectory() {
    }

    static Path of(ConfigurationAdmin admin, String userHome) {
        Path fallback = Path.of(userHome, "Downloads").toAbsolutePath();
        if (admin == null) {
            return fallback;
        }
        try {
            // listing only reads: getConfiguration() could bind the configuration to this bundle
            Configuration[] configs = admin.listConfigurations("(service.pid=" + FILETRANSFER_PID + ")");
            if (configs == null || configs.length == 0) {
                return fallback;
            }
            Dictionary<String, Object> props = configs[0].getProperties();
            Object dir = props == null ? null : props.get("downloadDirectory");
            if (dir == null || dir.toString().isBlank()) {
                return fallback;
            }
            return Path.of(dir.toString().strip()).toAbsolutePath();
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            // unreadable or unusable setting: fall back like file transfer does
            return fallback;
        }
    }
}
