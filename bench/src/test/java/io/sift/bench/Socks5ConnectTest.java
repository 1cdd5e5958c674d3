package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Socks5ConnectTest {

    @TempDir
    Path dir;

    @Test
    void hashIsSha1OfSidInitiatorAndTarget() {
        assertEquals("98b8d688d0f5d895fd41c5e7309a2e9e33ba32ff",
                Socks5Connect.hash("vxf9n471bn46", "requester@example.com/foo", "target@example.org/bar"));
    }

    /** A proxy that answers both connections (one with an IPv4 address, one with a name) and relays. */
    @Test
    void twoConnectionsRelayAFileThroughAProxy() throws Exception {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Path source = Files.write(dir.resolve("in.bin"), data);
        String hash = Socks5Connect.hash("s", "a@x/r", "b@x/r");
        try (ServerSocket proxy = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> relay(proxy, hash));
            try (SocketChannel target = Socks5Connect.open(proxy.getLocalPort(), hash);
                    SocketChannel initiator = Socks5Connect.open(proxy.getLocalPort(), hash)) {
                SocketCopy.copy(source, dir.resolve("out.bin"), initiator, target, 30);
            }
            relay.join();
        }
        assertEquals(Sha256.of(source), Sha256.of(dir.resolve("out.bin")));
    }

    @Test
    void aRefusedConnectFails() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = proxy.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readFully(new byte[3]);
                    s.getOutputStream().write(new byte[] {5, 0});
                    in.readFully(new byte[47]);
                    s.getOutputStream().write(new byte[] {5, 2, 0, 1, 0, 0, 0, 0, 0, 0});
                    s.getInputStream().read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThrows(BenchFailure.class, () -> Socks5Connect.open(proxy.getLocalPort(), "ab".repeat(20)));
        }
    }

    private static void relay(ServerSocket proxy, String hash) {
        try (Socket target = accept(proxy, hash, true); Socket initiator = accept(proxy, hash, false)) {
            initiator.getInputStream().transferTo(target.getOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Socket accept(ServerSocket proxy, String hash, boolean asName) throws IOException {
        Socket s = proxy.accept();
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        byte[] greeting = new byte[3];
        in.readFully(greeting);
        out.write(new byte[] {5, 0});
        byte[] request = new byte[5 + 40 + 2];
        in.readFully(request);
        assertEquals(hash, new String(request, 5, 40, StandardCharsets.US_ASCII));
        if (asName) {
            byte[] reply = request.clone(); // the request echoed with REP 0 (success), as Prosody answers
            reply[1] = 0;
            out.write(reply);
        } else {
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
        }
        return s;
    }
}
