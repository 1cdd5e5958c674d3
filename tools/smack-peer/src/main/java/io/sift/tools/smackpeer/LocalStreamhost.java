package io.sift.tools.smackpeer;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;

/**
 * Smack's own local SOCKS5 streamhost (a server socket in this process, started on first use by Smack on
 * every interface, port 7777 or the next free one), set up as the command line says.
 */
final class LocalStreamhost {

    private LocalStreamhost() {
    }

    static void configure(XMPPConnection connection, StreamhostOptions options) throws IOException {
        if (!options.localEnabled()) {
            // JVM-wide switch: the server socket is never opened; per connection: never announced
            Socks5Proxy.setLocalSocks5ProxyEnabled(false);
            Socks5BytestreamManager.getBytestreamManager(connection).setAnnounceLocalStreamHost(false);
            return;
        }
        if (!options.replacesAddresses()) {
            return;
        }
        Socks5Proxy proxy = Socks5Proxy.getSocks5Proxy();
        if (!proxy.isRunning()) {
            throw new IOException("Smack's local SOCKS5 streamhost did not start (no free port from 7777 on)");
        }
        proxy.replaceLocalAddresses(options.addresses());
        List<InetAddress> loopback = options.addresses().stream().filter(InetAddress::isLoopbackAddress).toList();
        if (!loopback.isEmpty()) {
            new LoopbackStreamhosts(loopback, proxy.getPort()).install(connection);
        }
    }
}
