package io.sift.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A raw SOCKS5 connection to an XEP-0065 proxy: no authentication, CONNECT to the stream's hash as
 * a domain name, port 0. The reply is read leniently (any address type), as proxies differ there.
 */
final class Socks5Connect {

    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private Socks5Connect() {
    }

    /** DST.ADDR of a stream: hex SHA-1 of SID + initiator JID + target JID (XEP-0065). */
    static String hash(String sid, String initiator, String target) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest((sid + initiator + target).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** Connects to the proxy at 127.0.0.1:port and asks for the stream; the channel is then relayed. */
    static SocketChannel open(int port, String hash) throws IOException, BenchFailure {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            // the socket adaptor's streams honour the timeout; the copy then uses the channel itself
            OutputStream out = channel.socket().getOutputStream();
            DataInputStream in = new DataInputStream(channel.socket().getInputStream());
            out.write(new byte[] {5, 1, 0});
            if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 0) {
                throw new BenchFailure("the SOCKS5 proxy refused to go on without authentication");
            }
            byte[] name = hash.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[7 + name.length];
            request[0] = 5;
            request[1] = 1;
            request[3] = 3;
            request[4] = (byte) name.length;
            System.arraycopy(name, 0, request, 5, name.length);
            out.write(request);
            int version = in.readUnsignedByte();
            int reply = in.readUnsignedByte();
            in.readUnsignedByte();
            int type = in.readUnsignedByte();
            if (version != 5 || reply != 0) {
                throw new BenchFailure("the SOCKS5 proxy answered CONNECT with " + reply);
            }
            int address = switch (type) {
                case 1 -> 4;
                case 4 -> 16;
                case 3 -> in.readUnsignedByte();
                default -> throw new BenchFailure("the SOCKS5 proxy answered with address type " + type);
            };
            in.readFully(new byte[address + 2]);
            return channel;
        } catch (IOException | BenchFailure | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
