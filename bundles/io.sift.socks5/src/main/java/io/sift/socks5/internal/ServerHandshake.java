package io.sift.socks5.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server's side of the SOCKS5 exchange (RFC 1928), as far as XEP-0065 uses it: no
 * authentication, CONNECT to a domain name that is the stream's DST.ADDR, port 0.
 *
 * <p>Reading is exact: a client may send its request right behind its greeting, and nothing after
 * the request belongs to the handshake. Replies are exact too: Smack compares the reply to its
 * request byte for byte.
 */
final class ServerHandshake {

    static final int VERSION = 5;
    static final int NO_AUTHENTICATION = 0;
    static final int NO_ACCEPTABLE_METHOD = 0xFF;
    static final int CONNECT = 1;
    static final int ATYP_DOMAIN = 3;

    static final int REP_SUCCEEDED = 0;
    static final int REP_HOST_UNREACHABLE = 4;
    static final int REP_COMMAND_NOT_SUPPORTED = 7;
    static final int REP_ADDRESS_TYPE_NOT_SUPPORTED = 8;

    private ServerHandshake() {
    }

    /**
     * Reads the greeting, accepts "no authentication", and reads the CONNECT request.
     *
     * @return the requested DST.ADDR (40 lowercase hex digits)
     * @throws Socks5ProtocolException the client broke the protocol; a refusal was sent where SOCKS5 has one
     * @throws EOFException the client closed the connection in the middle
     */
    static String readRequest(InputStream in, OutputStream out) throws IOException {
        if (readByte(in) != VERSION) {
            throw new Socks5ProtocolException("the greeting is not SOCKS version 5");
        }
        int methods = readByte(in);
        if (methods == 0) {
            throw new Socks5ProtocolException("the greeting offers no authentication method");
        }
        boolean noAuthentication = false;
        for (byte method : readFully(in, methods)) {
            noAuthentication |= method == NO_AUTHENTICATION;
        }
        if (!noAuthentication) {
            out.write(new byte[] {VERSION, (byte) NO_ACCEPTABLE_METHOD});
            out.flush();
            throw new Socks5ProtocolException("the client does not offer 'no authentication'");
        }
        out.write(new byte[] {VERSION, NO_AUTHENTICATION});
        out.flush();

        byte[] header = readFully(in, 4);
        if (header[0] != VERSION) {
            throw new Socks5ProtocolException("the request is not SOCKS version 5");
        }
        if (header[1] != CONNECT) {
            writeRefusal(out, REP_COMMAND_NOT_SUPPORTED);
            throw new Socks5ProtocolException("the request's command " + (header[1] & 0xFF) + " is not CONNECT");
        }
        if (header[2] != 0) {
            throw new Socks5ProtocolException("the request's reserved byte is not 0");
        }
        if (header[3] != ATYP_DOMAIN) {
            writeRefusal(out, REP_ADDRESS_TYPE_NOT_SUPPORTED);
            throw new Socks5ProtocolException("the request's address type " + (header[3] & 0xFF)
                    + " is not a domain name");
        }
        int length = readByte(in);
        if (length != DstAddr.LENGTH) {
            throw new Socks5ProtocolException("the request's address has " + length + " bytes, not "
                    + DstAddr.LENGTH);
        }
        byte[] address = readFully(in, DstAddr.LENGTH);
        if (!DstAddr.isWellFormed(address)) {
            throw new Socks5ProtocolException("the request's address is not 40 lowercase hex digits");
        }
        byte[] port = readFully(in, 2);
        if (port[0] != 0 || port[1] != 0) {
            throw new Socks5ProtocolException("the request's port is not 0");
        }
        return new String(address, StandardCharsets.US_ASCII);
    }

    /** Accepts the request: the reply echoes it (address type, DST.ADDR and port) exactly. */
    static void writeSuccess(OutputStream out, String dstAddr) throws IOException {
        out.write(reply(REP_SUCCEEDED, dstAddr));
        out.flush();
    }

    /** Refuses a request with {@code rep}; the bound address in the reply is 0.0.0.0:0. */
    static void writeRefusal(OutputStream out, int rep) throws IOException {
        out.write(new byte[] {VERSION, (byte) rep, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    /** Reply bytes for a domain-name address (also the bytes of the client's CONNECT request, with CMD 1). */
    static byte[] reply(int code, String dstAddr) {
        byte[] address = dstAddr.getBytes(StandardCharsets.US_ASCII);
        byte[] reply = new byte[5 + address.length + 2];
        reply[0] = VERSION;
        reply[1] = (byte) code;
        reply[2] = 0;
        reply[3] = ATYP_DOMAIN;
        reply[4] = (byte) address.length;
        System.arraycopy(address, 0, reply, 5, address.length);
        return reply; // port 0 0
    }

    static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended in the middle of the SOCKS5 exchange");
        }
        return b;
    }

    static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(bytes, read, length - read);
            if (n < 0) {
                throw new EOFException("the connection ended in the middle of the SOCKS5 exchange");
            }
            read += n;
        }
        return bytes;
    }
}
