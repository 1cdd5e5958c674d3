package io.sift.socks5.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The client's side of the SOCKS5 exchange with a streamhost: "no authentication", then CONNECT to
 * the stream's DST.ADDR on port 0.
 *
 * <p>The reply is read leniently: only VER and REP are checked, and the bound address is skipped
 * whatever its type and content. libpurple's direct streamhost answers with its own IP address
 * instead of echoing the request, and proxies differ in what they put there.
 */
final class ClientHandshake {

    private static final int ATYP_IPV4 = 1;
    private static final int ATYP_IPV6 = 4;

    private ClientHandshake() {
    }

    /** Runs the exchange; on return the connection carries the stream's bytes. */
    static void connect(InputStream in, OutputStream out, String dstAddr) throws IOException {
        out.write(new byte[] {ServerHandshake.VERSION, 1, ServerHandshake.NO_AUTHENTICATION});
        out.flush();
        byte[] choice = ServerHandshake.readFully(in, 2);
        if (choice[0] != ServerHandshake.VERSION) {
            throw new Socks5ProtocolException("the streamhost does not answer as a SOCKS5 server");
        }
        if (choice[1] != ServerHandshake.NO_AUTHENTICATION) {
            throw new Socks5ProtocolException("the streamhost requires authentication (method "
                    + (choice[1] & 0xFF) + ")");
        }
        byte[] request = ServerHandshake.reply(ServerHandshake.CONNECT, dstAddr);
        out.write(request);
        out.flush();
        readReply(in);
    }

    /** Reads a CONNECT reply up to its last byte and fails unless it reports success. */
    static void readReply(InputStream in) throws IOException {
        byte[] header = ServerHandshake.readFully(in, 4);
        if (header[0] != ServerHandshake.VERSION) {
            throw new Socks5ProtocolException("the streamhost's reply is not SOCKS version 5");
        }
        if (header[1] != ServerHandshake.REP_SUCCEEDED) {
            throw new Socks5ProtocolException("the streamhost refused the connection (reply code "
                    + (header[1] & 0xFF) + ")");
        }
        int addressLength = switch (header[3]) {
            case ATYP_IPV4 -> 4;
            case ServerHandshake.ATYP_DOMAIN -> ServerHandshake.readByte(in);
            case ATYP_IPV6 -> 16;
            default -> throw new Socks5ProtocolException("the streamhost's reply has the unknown address type "
                    + (header[3] & 0xFF));
        };
        ServerHandshake.readFully(in, addressLength + 2);
    }
}
