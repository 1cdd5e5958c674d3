package io.sift.itests.karaf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import org.apache.karaf.shell.api.console.SignalListener;
import org.apache.karaf.shell.api.console.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * An xterm as Karaf's ssh server gives its sessions one (its SshTerminal is made the same way): JLine's
 * terminal over a stream of keys and a stream for the screen, with line discipline, so the console
 * reads keys as on a real terminal (TAB completes, Ctrl-C interrupts).
 */
final class TestTerminal extends ExternalTerminal implements Terminal {

    TestTerminal(InputStream keys, OutputStream screen) throws IOException {
        super("itest terminal", "xterm", keys, screen, StandardCharsets.UTF_8);
        // tall enough that help texts print whole instead of through Karaf's pager
        setSize(new Size(160, 200));
    }

    @Override
    public int getWidth() {
        return size.getColumns();
    }

    @Override
    public int getHeight() {
        return size.getRows();
    }

    @Override
    public boolean isAnsiSupported() {
        return true;
    }

    @Override
    public boolean isEchoEnabled() {
        return echo();
    }

    @Override
    public void setEchoEnabled(boolean enabled) {
        echo(enabled);
    }

    @Override
    public void addSignalListener(SignalListener listener, org.apache.karaf.shell.api.console.Signal... signal) {
        // signals reach the console through JLine's own handlers
    }

    @Override
    public void addSignalListener(SignalListener listener, EnumSet<org.apache.karaf.shell.api.console.Signal> signals) {
        // as above
    }

    @Override
    public void addSignalListener(SignalListener listener) {
        // as above
    }

    @Override
    public void removeSignalListener(SignalListener listener) {
        // as above
    }
}
