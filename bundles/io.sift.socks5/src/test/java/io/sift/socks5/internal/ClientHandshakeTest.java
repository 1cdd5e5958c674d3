package io.sift.socks5.internal;

import static io.sift.socks5.internal.Bytes.HASH;
import static io.sift.socks5.internal.Bytes.ascii;
import static io.sift.socks5.internal.Bytes.concat;
import static io.sift.socks5.internal.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client side of the SOCKS5 exchange on in-memory bytes: exact requests, lenient replies. */
class ClientHandshakeTest {

    private static final byte[] CHOICE = of(5, 0);
    private static final byte[] ECHO = concat(of(5, 0, 0, 3, 40), ascii(HASH), of(0, 0));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ByteArrayInputStream connect(byte[] serverBytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(serverBytes);
        ClientHandshake.connect(in, out, HASH);
        return in;
    }

    @Test
    void sendsGreetingThenConnectForTheHashOnPortZero() throws IOException {
        connect(concat(CHOICE, ECHO));
        assertArrayEquals(concat(of(5, 1, 0), of(5, 1, 0, 3, 40), ascii(HASH), of(0, 0)), out.toByteArray());
    }

    @Test
    void readsTheReplyToItsLastByteAndNoFurther() throws IOException {
        ByteArrayInputStream in = connect(concat(CHOICE, ECHO, ascii("payload")));
        assertEquals(7, in.available());
    }

    @Test
    void ipv4BoundAddressAsLibpurpleSendsIsAccepted() throws IOException {
        ByteArrayInputStream in = connect(concat(CHOICE, of(5, 0, 0, 1, 192, 168, 1, 7, 0x1f, 0x90), ascii("x")));
        assertEquals(1, in.available());
    }

    @Test
    void ipv6BoundAddressIsAccepted() throws IOException {
        ByteArrayInputStream in = connect(concat(CHOICE, of(5, 0, 0, 4), new byte[16], of(0, 0), ascii("x")));
        assertEquals(1, in.available());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 40, 64, 255})
    void domainBoundAddressOfAnyLengthIsAccepted(int length) throws IOException {
        byte[] domain = ascii("h".repeat(length));
        ByteArrayInputStream in = connect(concat(CHOICE, of(5, 0, 0, 3, length), domain, of(1, 2), ascii("x")));
        assertEquals(1, in.available());
    }

    @Test
    void nonZeroReservedByteInTheReplyIsTolerated() throws IOException {
        byte[] reply = ECHO.clone();
        reply[2] = 7;
        connect(concat(CHOICE, reply));
    }

    @Test
    void refusalCodeIsAnError() {
        byte[] reply = ECHO.clone();
        reply[1] = 4;
        IOException e = assertThrows(Socks5ProtocolException.class, () -> connect(concat(CHOICE, reply)));
        assertTrue(e.getMessage().contains("reply code 4"), e.getMessage());
    }

    @Test
    void serverDemandingAuthenticationIsAnError() {
        assertThrows(Socks5ProtocolException.class, () -> connect(of(5, 0xFF)));
        assertArrayEquals(of(5, 1, 0), out.toByteArray()); // no request after the refusal
    }

    @Test
    void serverOfAnotherVersionIsAnError() {
        assertThrows(Socks5ProtocolException.class, () -> connect(concat(of(4, 0), ECHO)));
        byte[] reply = ECHO.clone();
        reply[0] = 4;
        assertThrows(Socks5ProtocolException.class, () -> connect(concat(CHOICE, reply)));
    }

    @Test
    void unknownBoundAddressTypeIsAnError() {
        assertThrows(Socks5ProtocolException.class, () -> connect(concat(CHOICE, of(5, 0, 0, 9, 0, 0))));
    }

    static IntStream truncations() {
        return IntStream.range(0, CHOICE.length + ECHO.length);
    }

    @ParameterizedTest
    @MethodSource("truncations")
    void everyTruncationIsAnEndOfStream(int length) {
        assertThrows(EOFException.class, () -> connect(Bytes.prefix(concat(CHOICE, ECHO), length)));
    }

    @Test
    void clientAgainstServerHandshakeAgree() throws IOException {
        // the bytes this client writes are what the server side reads, and the reverse
        ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        ServerHandshake read = Socks5Server.readRequest(new ByteArrayInputStream(concat(of(5, 1, 0),
                of(5, 1, 0, 3, 40), ascii(HASH), of(0, 0))), serverOut);
        assertEquals(HASH, read.dstAddr());
        Socks5Server.accept(read, serverOut);
        connect(serverOut.toByteArray());
    }
}
