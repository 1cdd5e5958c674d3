package io.sift.socks5.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** The listener's SOCKS5 exchange over blocking streams, for the test proxy and in-memory tests. */
final class Socks5Server {

    private Socks5Server() {
    }

    /**
     * Runs the exchange up to the request and writes what the handshake has to say on the way.
     *
     * @return the handshake, {@link ServerHandshake.Status#REQUESTED} or {@link ServerHandshake.Status#FAILED}
     * @throws EOFException the client ended in the middle
     */
    static ServerHandshake readRequest(InputStream in, OutputStream out) throws IOException {
        ServerHandshake handshake = new ServerHandshake();
        while (true) {
            write(handshake, out);
            if (handshake.status() != ServerHandshake.Status.READING) {
                return handshake;
            }
            int wanted = handshake.wanted();
            byte[] bytes = in.readNBytes(wanted);
            handshake.receive(ByteBuffer.wrap(bytes));
            if (bytes.length < wanted) {
                throw new EOFException("the connection ended in the middle of the SOCKS5 exchange");
            }
        }
    }

    /** Accepts a requested stream: writes the success reply. */
    static void accept(ServerHandshake handshake, OutputStream out) throws IOException {
        handshake.accept();
        write(handshake, out);
    }

    /** Writes the handshake's pending output. */
    static void write(ServerHandshake handshake, OutputStream out) throws IOException {
        ByteBuffer output = handshake.output();
        if (output.hasRemaining()) {
            out.write(output.array(), output.arrayOffset() + output.position(), output.remaining());
            output.position(output.limit());
            out.flush();
        }
    }
}
