package io.sift.socks5.internal;

import static io.sift.socks5.internal.Bytes.HASH;
import static io.sift.socks5.internal.Bytes.ascii;
import static io.sift.socks5.internal.Bytes.concat;
import static io.sift.socks5.internal.Bytes.connect;
import static io.sift.socks5.internal.Bytes.greeting;
import static io.sift.socks5.internal.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The server side of the SOCKS5 exchange on in-memory bytes. */
class ServerHandshakeTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String read(byte[] in) throws IOException {
        return ServerHandshake.readRequest(new ByteArrayInputStream(in), out);
    }

    private static final byte[] VALID = concat(greeting(), connect(HASH));

    @Test
    void validGreetingAndRequestGiveTheAddressAndAcceptNoAuthentication() throws IOException {
        assertEquals(HASH, read(VALID));
        assertArrayEquals(of(5, 0), out.toByteArray());
    }

    @Test
    void noAuthenticationAmongOtherMethodsIsAccepted() throws IOException {
        assertEquals(HASH, read(concat(of(5, 3, 2, 1, 0), connect(HASH))));
        assertArrayEquals(of(5, 0), out.toByteArray());
    }

    @Test
    void nothingAfterTheRequestIsConsumed() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(VALID, ascii("data")));
        assertEquals(HASH, ServerHandshake.readRequest(in, out));
        assertEquals(4, in.available());
    }

    @Test
    void successReplyEchoesTheRequestExactly() throws IOException {
        ServerHandshake.writeSuccess(out, HASH);
        byte[] expected = concat(of(5, 0, 0, 3, 40), ascii(HASH), of(0, 0));
        assertArrayEquals(expected, out.toByteArray());
        // byte for byte the client's request, but for the command/reply byte (Smack compares them)
        byte[] request = connect(HASH);
        request[1] = 0;
        assertArrayEquals(request, out.toByteArray());
    }

    @Test
    void refusalIsAFullReplyWithTheCode() throws IOException {
        ServerHandshake.writeRefusal(out, ServerHandshake.REP_HOST_UNREACHABLE);
        assertArrayEquals(of(5, 4, 0, 1, 0, 0, 0, 0, 0, 0), out.toByteArray());
    }

    static IntStream truncations() {
        return IntStream.range(0, VALID.length);
    }

    @ParameterizedTest
    @MethodSource("truncations")
    void everyTruncationIsAnEndOfStream(int length) {
        assertThrows(EOFException.class, () -> read(Bytes.prefix(VALID, length)));
    }

    @Test
    void clientWithoutNoAuthenticationGetsNoAcceptableMethod() {
        assertThrows(Socks5ProtocolException.class, () -> read(concat(of(5, 2, 1, 2), connect(HASH))));
        assertArrayEquals(of(5, 0xFF), out.toByteArray());
    }

    @Test
    void greetingWithoutMethodsIsRefused() {
        assertThrows(Socks5ProtocolException.class, () -> read(concat(of(5, 0), connect(HASH))));
        assertEquals(0, out.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 0, 6, 0x47})
    void wrongGreetingVersionIsClosedWithoutAnswer(int version) {
        assertThrows(Socks5ProtocolException.class, () -> read(concat(of(version, 1, 0), connect(HASH))));
        assertEquals(0, out.size());
    }

    @Test
    void httpRequestIsGarbage() {
        assertThrows(Socks5ProtocolException.class, () -> read(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
        assertEquals(0, out.size());
    }

    @Test
    void wrongRequestVersionIsRefused() {
        byte[] request = connect(HASH);
        request[0] = 4;
        assertThrows(Socks5ProtocolException.class, () -> read(concat(greeting(), request)));
        assertArrayEquals(of(5, 0), out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 0, 0xFF})
    void commandOtherThanConnectIsRefusedAsNotSupported(int command) {
        byte[] request = connect(HASH);
        request[1] = (byte) command;
        assertThrows(Socks5ProtocolException.class, () -> read(concat(greeting(), request)));
        assertArrayEquals(concat(of(5, 0), of(5, 7, 0, 1, 0, 0, 0, 0, 0, 0)), out.toByteArray());
    }

    @Test
    void nonZeroReservedByteIsRefused() {
        byte[] request = connect(HASH);
        request[2] = 1;
        assertThrows(Socks5ProtocolException.class, () -> read(concat(greeting(), request)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 0, 2})
    void addressTypeOtherThanDomainIsRefusedAsNotSupported(int type) {
        byte[] request = connect(HASH);
        request[3] = (byte) type;
        assertThrows(Socks5ProtocolException.class, () -> read(concat(greeting(), request)));
        assertArrayEquals(concat(of(5, 0), of(5, 8, 0, 1, 0, 0, 0, 0, 0, 0)), out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 39, 41, 255})
    void addressOfAnotherLengthIsRefused(int length) {
        String address = "a".repeat(length);
        assertThrows(Socks5ProtocolException.class, () -> read(concat(greeting(), connect(address))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DA54AF79881C0276006E530DDFDC838132FE3A5B",
        "da54af79881c0276006e530ddfdc838132fe3a5g",
        "da54af79881c0276006e530ddfdc838132fe3a5 ",
        "../../../../../../../../../../etc/passwd",
        "da54af79881c0276006e530ddfdc838132fe3a5\n" })
    void addressThatIsNotLowercaseHexIsRefused(String address) {
        assertThrows(Socks5ProtocolException.class, () -> read(concat(greeting(), connect(address))));
    }

    @Test
    void nonZeroPortIsRefused() {
        byte[] request = connect(HASH);
        request[request.length - 1] = 80;
        assertThrows(Socks5ProtocolException.class, () -> read(concat(greeting(), request)));
    }
}
