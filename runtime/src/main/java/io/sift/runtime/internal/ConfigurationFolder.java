package io.sift.runtime.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.sift.shell.command.CommandFailure;

/**
 * Has the configuration folder read the way Karaf reads its {@code etc/}: Felix FileInstall makes a
 * configuration of each {@code *.cfg} (and follows the folder while the runtime runs), ConfigAdmin's
 * interpolation plugin resolves {@code $[env:NAME]} and {@code $[secret:NAME]} in the values.
 *
 * <p>Both read their settings (the folder, the secrets directory) once, when they start, and only the
 * command line knows them. So they wait one start level above every other bundle (see sift.bndrun)
 * until the settings are in place, and are started by raising the framework's start level; with
 * FileInstall's first scan done while it starts, every file's configuration exists when this returns.
 */
final class ConfigurationFolder {

    static final int INTERPOLATION_LEVEL = 2;
    static final int FILEINSTALL_LEVEL = 3;

    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    /** The property FileInstall marks its configurations with: the file's URI. */
    private static final String FILENAME = "felix.fileinstall.filename";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final BundleContext context;
    private final ConfigurationAdmin admin;

    ConfigurationFolder(BundleContext context, ConfigurationAdmin admin) {
        this.context = context;
        this.admin = admin;
    }

    /**
     * Reads {@code etc} and keeps following it; without a folder, starts only the interpolation plugin
     * (placeholders may come from elsewhere, e.g. the command line's password). Files that could not
     * be read are named on {@code err}.
     */
    void start(Optional<Path> etc, PrintStream err) throws CommandFailure, InterruptedException {
        if (etc.isPresent()) {
            checkReadable(etc.get());
            // the framework answers a property it was not launched with from the system properties:
            // the one way to hand settings to bundles that read framework properties once it runs
            EtcSettings.of(etc.get(), System::getProperty).forEach(System::setProperty);
        }
        raise(INTERPOLATION_LEVEL);
        if (etc.isEmpty()) {
            return;
        }
        raise(FILEINSTALL_LEVEL);
        if (!isActive(FILEINSTALL)) {
            throw new CommandFailure(CommandFailure.USAGE, "cannot read the configuration in " + etc.get()
                    + ": Felix FileInstall did not start (see --verbose)");
        }
        for (Path file : unread(etc.get())) {
            err.println("sift: skipped " + file + ": not a configuration file FileInstall could read (see --verbose)");
        }
    }

    private static void checkReadable(Path dir) throws CommandFailure {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure(CommandFailure.USAGE, "cannot read the folder " + dir + ": " + e.getMessage());
        }
    }

    private void raise(int level) throws CommandFailure, InterruptedException {
        if (!new StartLevels(context).raiseTo(level, START_TIMEOUT)) {
            throw new CommandFailure(CommandFailure.USAGE, "the configuration bundles did not start within "
                    + START_TIMEOUT.toSeconds() + " s");
        }
    }

    private boolean isActive(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle.getState() == Bundle.ACTIVE;
            }
        }
        return false;
    }

    /** The configuration files of the folder that have no configuration: FileInstall logged why. */
    private List<Path> unread(Path etc) throws CommandFailure {
        Set<String> read = new HashSet<>();
        try {
            Configuration[] configurations = admin.listConfigurations("(" + FILENAME + "=*)");
            for (Configuration c : configurations == null ? new Configuration[0] : configurations) {
                read.add(String.valueOf(c.getProperties().get(FILENAME)));
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot list the configurations", e);
        }
        Path dir = etc.toAbsolutePath().normalize();
        List<Path> unread = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.cfg")) {
            for (Path file : files) {
                // FileInstall names a file by java.io.File's URI (file:/x, where Path's is file:///x)
                if (Files.isRegularFile(file) && !read.contains(file.toFile().toURI().toString())) {
                    unread.add(file);
                }
            }
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.USAGE, "cannot read the folder " + etc + ": " + e.getMessage());
        }
        unread.sort(null);
        return unread;
    }
}
