package io.sift.socks5.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client's side of the SOCKS5 exchange with a streamhost: "no authentication", then CONNECT to
 * the stream's DST.ADDR on port 0.
 *
 * <p>The reply is read leniently: only VER and REP are checked, and the bound address is skipped
 * whatever its type and content. libpurple's direct streamhost answers with its own IP address
 * instead of echoing the request, and proxies differ in what they put there.
 */
final class ClientHandshake {

    private ClientHandshake() {
    }

    /** Runs the exchange; on return the connection carries the stream's bytes. */
    static void connect(InputStream in, OutputStream out, String dstAddr) throws IOException {
        out.write(new byte[] {ServerHandshake.VERSION, 1, ServerHandshake.NO_AUTHENTICATION});
        out.flush();
        byte[] choice = readFully(in, 2);
        if (choice[0] != ServerHandshake.VERSION) {
            throw new Socks5ProtocolException("the streamhost does not answer as a SOCKS5 server");
        }
        if (choice[1] != ServerHandshake.NO_AUTHENTICATION) {
            throw new Socks5ProtocolException("the streamhost requires authentication (method "
                    + (choice[1] & 0xFF) + ")");
        }
        byte[] request = request(dstAddr);
        out.write(request);
        out.flush();
        readReply(in);
    }

    /** Reads a CONNECT reply up to its last byte and fails unless it reports success. */
    static void readReply(InputStream in) throws IOException {
        byte[] header = readFully(in, 4);
        if (header[0] != ServerHandshake.VERSION) {
            throw new Socks5ProtocolException("the streamhost's reply is not SOCKS version 5");
        }
        if (header[1] != ServerHandshake.REP_SUCCEEDED) {
            throw new Socks5ProtocolException("the streamhost refused the connection (reply code "
                    + (header[1] & 0xFF) + ")");
        }
        int addressLength = switch (header[3]) {
            case ServerHandshake.ATYP_IPV4 -> 4;
            case ServerHandshake.ATYP_DOMAIN -> readByte(in);
            case ServerHandshake.ATYP_IPV6 -> 16;
            default -> throw new Socks5ProtocolException("the streamhost's reply has the unknown address type "
                    + (header[3] & 0xFF));
        };
        readFully(in, addressLength + 2);
    }

    /** The CONNECT request for a domain-name address, port 0. */
    static byte[] request(String dstAddr) {
        byte[] address = dstAddr.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[5 + address.length + 2];
        request[0] = ServerHandshake.VERSION;
        request[1] = ServerHandshake.CONNECT;
        request[3] = ServerHandshake.ATYP_DOMAIN;
        request[4] = (byte) address.length;
        System.arraycopy(address, 0, request, 5, address.length);
        return request; // RSV and port 0
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended in the middle of the SOCKS5 exchange");
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the connection ended in the middle of the SOCKS5 exchange");
        }
        return bytes;
    }
}
