package io.sift.socks5.internal;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The server's side of the SOCKS5 exchange (RFC 1928) as XEP-0065 uses it, for one connection read
 * without blocking: it is given whatever bytes have arrived, and says how many it wants next and
 * what to write back. It never wants more than the current message lacks, so nothing after the
 * request (the stream's data) is taken, and it holds one message at most (262 bytes).
 *
 * <p>Lenient in what it accepts where peers differ and nothing depends on it: any method list that
 * offers "no authentication", any reserved byte, any port, the DST.ADDR's hex digits in either case.
 * Exact in what it writes: the success reply is the request itself with the reply code in the place
 * of the command (Smack compares the two byte for byte), a refusal a complete reply with an IPv4
 * zero address. A request it refuses is read to its end first where its length is known, so that
 * closing the connection does not reset it before the client read the refusal.
 */
final class ServerHandshake {

    static final int VERSION = 5;
    static final int NO_AUTHENTICATION = 0;
    static final int NO_ACCEPTABLE_METHOD = 0xFF;
    static final int CONNECT = 1;
    static final int ATYP_IPV4 = 1;
    static final int ATYP_DOMAIN = 3;
    static final int ATYP_IPV6 = 4;

    static final int REP_SUCCEEDED = 0;
    static final int REP_HOST_UNREACHABLE = 4;
    static final int REP_COMMAND_NOT_SUPPORTED = 7;
    static final int REP_ADDRESS_TYPE_NOT_SUPPORTED = 8;

    /** VER CMD RSV ATYP, a domain's length byte and 255 bytes of domain, DST.PORT. */
    private static final int MAX_MESSAGE = 4 + 1 + 255 + 2;
    /** VER CMD RSV ATYP and the first address byte, which for a domain is its length. */
    private static final int REQUEST_HEAD = 5;
    private static final int DOMAIN_START = 5;

    enum Status {
        /** It wants more bytes. */
        READING,
        /** The request names a DST.ADDR: the listener {@link #accept}s or {@link #refuse}s it. */
        REQUESTED,
        /** The success reply is the output: once it is written, the connection carries the stream. */
        ACCEPTED,
        /** The exchange failed: once the output (a refusal, or nothing) is written, the connection is closed. */
        FAILED
    }

    private enum Part { GREETING_HEAD, METHODS, REQUEST_HEAD, REQUEST_REST }

    private final byte[] message = new byte[MAX_MESSAGE];
    private int filled;
    private int length = 2;
    private Part part = Part.GREETING_HEAD;
    private Status status = Status.READING;
    private ByteBuffer output = ByteBuffer.allocate(0);
    private String failure;
    private String dstAddr;

    Status status() {
        return status;
    }

    /**
     * How many bytes it takes next: 0 unless it is reading and its output was written (a client
     * must read the method choice before its request is looked at, and at most one reply is pending).
     */
    int wanted() {
        return status == Status.READING && !output.hasRemaining() ? length - filled : 0;
    }

    /** Takes up to {@link #wanted} bytes from {@code in}; what is beyond stays in it. */
    void receive(ByteBuffer in) {
        while (wanted() > 0 && in.hasRemaining()) {
            int n = Math.min(in.remaining(), wanted());
            in.get(message, filled, n);
            filled += n;
            if (filled == length) {
                switch (part) {
                    case GREETING_HEAD -> greetingHead();
                    case METHODS -> methods();
                    case REQUEST_HEAD -> requestHead();
                    case REQUEST_REST -> request();
                }
            }
        }
    }

    /** What to write to the client now; empty when there is nothing. */
    ByteBuffer output() {
        return output;
    }

    /** The requested DST.ADDR in lowercase, once {@link Status#REQUESTED}. */
    String dstAddr() {
        return dstAddr;
    }

    /** Why the exchange failed, once {@link Status#FAILED}. */
    String failure() {
        return failure;
    }

    /** Accepts the request: the output becomes the success reply. */
    void accept() {
        requireRequested();
        message[1] = REP_SUCCEEDED;
        output = ByteBuffer.wrap(message, 0, length);
        status = Status.ACCEPTED;
    }

    /** Refuses the request as host unreachable: no stream is expected for its address. */
    void refuse() {
        requireRequested();
        fail("no stream is expected for its address (or one is connected)", REP_HOST_UNREACHABLE);
    }

    private void greetingHead() {
        if (message[0] != VERSION) {
            fail("the greeting is not SOCKS version 5");
        } else if (message[1] == 0) {
            fail("the greeting offers no authentication method", noAcceptableMethod());
        } else {
            next(Part.METHODS, 2 + (message[1] & 0xFF));
        }
    }

    private void methods() {
        for (int i = 2; i < length; i++) {
            if (message[i] == NO_AUTHENTICATION) {
                output = ByteBuffer.wrap(new byte[] {VERSION, NO_AUTHENTICATION});
                filled = 0;
                next(Part.REQUEST_HEAD, REQUEST_HEAD);
                return;
            }
        }
        fail("the client does not offer 'no authentication'", noAcceptableMethod());
    }

    private void requestHead() {
        if (message[0] != VERSION) {
            fail("the request is not SOCKS version 5");
            return;
        }
        int address = switch (message[3]) {
            case ATYP_IPV4 -> 4;
            case ATYP_DOMAIN -> 1 + (message[4] & 0xFF);
            case ATYP_IPV6 -> 16;
            default -> -1;
        };
        if (address < 0) {
            // its length is unknown: refused at once
            fail("the request's address type " + (message[3] & 0xFF) + " is unknown", REP_ADDRESS_TYPE_NOT_SUPPORTED);
        } else {
            next(Part.REQUEST_REST, 4 + address + 2);
        }
    }

    private void request() {
        if (message[1] != CONNECT) {
            fail("the request's command " + (message[1] & 0xFF) + " is not CONNECT", REP_COMMAND_NOT_SUPPORTED);
            return;
        }
        if (message[3] != ATYP_DOMAIN) {
            fail("the request's address type " + (message[3] & 0xFF) + " is not a domain name",
                    REP_ADDRESS_TYPE_NOT_SUPPORTED);
            return;
        }
        Optional<String> hash = DstAddr.parse(message, DOMAIN_START, message[4] & 0xFF);
        if (hash.isEmpty()) {
            fail("the request's address is not 40 hex digits", REP_HOST_UNREACHABLE);
            return;
        }
        dstAddr = hash.get();
        status = Status.REQUESTED;
    }

    private void next(Part nextPart, int nextLength) {
        part = nextPart;
        length = nextLength;
    }

    private void fail(String why) {
        failure = why;
        status = Status.FAILED;
    }

    private void fail(String why, int rep) {
        fail(why, ByteBuffer.wrap(refusal(rep)));
    }

    private void fail(String why, ByteBuffer reply) {
        output = reply;
        fail(why);
    }

    private void requireRequested() {
        if (status != Status.REQUESTED) {
            throw new IllegalStateException("no request to answer: " + status);
        }
    }

    private static ByteBuffer noAcceptableMethod() {
        return ByteBuffer.wrap(new byte[] {VERSION, (byte) NO_ACCEPTABLE_METHOD});
    }

    /** A refusal with {@code rep}; the bound address in it is 0.0.0.0:0. */
    static byte[] refusal(int rep) {
        return new byte[] {VERSION, (byte) rep, 0, ATYP_IPV4, 0, 0, 0, 0, 0, 0};
    }
}
