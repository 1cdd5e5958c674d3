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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sift.socks5.internal.ServerHandshake.Status;

/**
 * The server side of the SOCKS5 exchange fed in memory: every input whole, in pieces of three bytes
 * and byte by byte, since a client's bytes arrive as the network splits them.
 */
class ServerHandshakeTest {

    private static final byte[] CHOICE = of(5, 0);
    private static final byte[] NO_METHOD = of(5, 0xFF);
    private static final byte[] VALID = concat(greeting(), connect(HASH));
    private static final int[] PIECES = {Integer.MAX_VALUE, 3, 1};

    /** What the handshake wrote, where it stopped, and how much of the input it left. */
    private record Run(byte[] written, ServerHandshake handshake, int unread) {
        Status status() {
            return handshake.status();
        }
    }

    private static Run run(byte[] input, int piece) {
        ServerHandshake handshake = new ServerHandshake();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.wrap(input);
        while (true) {
            drain(handshake, written);
            if (handshake.wanted() == 0 || !in.hasRemaining()) {
                return new Run(written.toByteArray(), handshake, in.remaining());
            }
            ByteBuffer arrived = in.slice().limit(Math.min(piece, in.remaining()));
            handshake.receive(arrived);
            in.position(in.position() + arrived.position());
        }
    }

    private static void drain(ServerHandshake handshake, ByteArrayOutputStream written) {
        ByteBuffer output = handshake.output();
        while (output.hasRemaining()) {
            written.write(output.get());
        }
    }

    /** Runs {@code input} in every piece size; all runs must end alike, and that end is returned. */
    private static Run runAllWays(byte[] input) {
        Run whole = run(input, PIECES[0]);
        for (int piece : PIECES) {
            Run run = run(input, piece);
            assertArrayEquals(whole.written(), run.written(), "in pieces of " + piece);
            assertEquals(whole.status(), run.status(), "in pieces of " + piece);
            assertEquals(whole.unread(), run.unread(), "in pieces of " + piece);
        }
        return whole;
    }

    /** The input ends the exchange: {@code reply} is written and the connection is to be closed. */
    private static Run assertClosedAfter(byte[] input, byte[] reply) {
        Run run = runAllWays(input);
        assertArrayEquals(reply, run.written(), Arrays.toString(run.written()));
        assertEquals(Status.FAILED, run.status(), run.handshake().failure());
        assertEquals(0, run.handshake().wanted());
        return run;
    }

    private static byte[] refusal(int rep) {
        return of(5, rep, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    private static byte[] successFor(byte[] request) {
        byte[] reply = request.clone();
        reply[1] = 0;
        return reply;
    }

    private static byte[] acceptedReply(Run run) {
        run.handshake().accept();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        drain(run.handshake(), written);
        assertEquals(Status.ACCEPTED, run.status());
        return written.toByteArray();
    }

    @Test
    void validExchangeGivesTheAddressAndTheReplyEchoesTheRequest() {
        Run run = runAllWays(VALID);
        assertEquals(Status.REQUESTED, run.status());
        assertArrayEquals(CHOICE, run.written());
        assertEquals(HASH, run.handshake().dstAddr());
        byte[] reply = acceptedReply(run);
        assertArrayEquals(concat(of(5, 0, 0, 3, 40), ascii(HASH), of(0, 0)), reply);
        assertArrayEquals(successFor(connect(HASH)), reply);
        assertEquals(0, run.handshake().wanted());
    }

    @Test
    void nothingAfterTheRequestIsTaken() {
        Run run = runAllWays(concat(VALID, ascii("data")));
        assertEquals(Status.REQUESTED, run.status());
        assertEquals(4, run.unread());
    }

    @Test
    void theRequestIsNotReadBeforeTheMethodChoiceIsWritten() {
        ServerHandshake handshake = new ServerHandshake();
        ByteBuffer in = ByteBuffer.wrap(VALID);
        handshake.receive(in);
        assertEquals(VALID.length - 3, in.remaining());
        assertEquals(0, handshake.wanted());
        handshake.receive(in);
        assertEquals(VALID.length - 3, in.remaining());
        handshake.output().position(2);
        assertEquals(5, handshake.wanted());
    }

    @Test
    void noAuthenticationAmongOtherMethodsIsChosen() {
        Run run = runAllWays(concat(of(5, 3, 2, 1, 0), connect(HASH)));
        assertEquals(Status.REQUESTED, run.status());
        assertArrayEquals(CHOICE, run.written());
    }

    @Test
    void uppercaseHexIsTheSameAddressAndIsEchoedAsSent() {
        byte[] request = connect(HASH.toUpperCase());
        Run run = runAllWays(concat(greeting(), request));
        assertEquals(HASH, run.handshake().dstAddr());
        assertArrayEquals(successFor(request), acceptedReply(run));
    }

    @Test
    void reservedByteAndPortAreTakenAsTheyComeAndEchoed() {
        byte[] request = connect(HASH);
        request[2] = 0x5a;
        request[request.length - 2] = 0x1f;
        request[request.length - 1] = (byte) 0x90;
        Run run = runAllWays(concat(greeting(), request));
        assertEquals(HASH, run.handshake().dstAddr());
        assertArrayEquals(successFor(request), acceptedReply(run));
    }

    @Test
    void refusedRequestGetsHostUnreachable() {
        Run run = runAllWays(VALID);
        run.handshake().refuse();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        drain(run.handshake(), written);
        assertArrayEquals(refusal(4), written.toByteArray());
        assertEquals(Status.FAILED, run.status());
    }

    @Test
    void answeringWhenNothingWasRequestedIsAMistake() {
        ServerHandshake handshake = new ServerHandshake();
        assertThrows(IllegalStateException.class, handshake::accept);
        assertThrows(IllegalStateException.class, handshake::refuse);
        Run run = runAllWays(VALID);
        run.handshake().accept();
        assertThrows(IllegalStateException.class, run.handshake()::refuse);
    }

    static IntStream truncations() {
        return IntStream.range(0, VALID.length);
    }

    @ParameterizedTest
    @MethodSource("truncations")
    void truncatedExchangeWaitsForMoreHavingWrittenOnlyWhatWasDue(int length) {
        Run run = runAllWays(Bytes.prefix(VALID, length));
        // the method choice once the greeting was complete, and nothing else
        assertArrayEquals(length >= 3 ? CHOICE : new byte[0], run.written());
        assertEquals(Status.READING, run.status());
        assertTrue(run.handshake().wanted() > 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 0, 6, 0x47, 0xFF})
    void wrongGreetingVersionIsClosedWithoutAnswer(int version) {
        Run run = assertClosedAfter(concat(of(version, 1, 0), connect(HASH)), new byte[0]);
        assertEquals(VALID.length - 2, run.unread());
    }

    @Test
    void greetingWithoutMethodsGetsNoAcceptableMethod() {
        assertClosedAfter(concat(of(5, 0), connect(HASH)), NO_METHOD);
    }

    @Test
    void greetingWithoutNoAuthenticationGetsNoAcceptableMethod() {
        assertClosedAfter(concat(of(5, 2, 1, 2), connect(HASH)), NO_METHOD);
    }

    @Test
    void greetingWithAllOtherMethodsGetsNoAcceptableMethod() {
        byte[] methods = new byte[255];
        for (int i = 0; i < methods.length; i++) {
            methods[i] = (byte) (i + 1);
        }
        Run run = assertClosedAfter(concat(of(5, 255), methods, connect(HASH)), NO_METHOD);
        assertEquals(connect(HASH).length, run.unread());
    }

    @Test
    void wrongRequestVersionIsClosedAfterTheMethodChoice() {
        byte[] request = connect(HASH);
        request[0] = 4;
        assertClosedAfter(concat(greeting(), request), CHOICE);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 0, 0xFF})
    void commandOtherThanConnectIsReadToItsEndAndRefusedAsNotSupported(int command) {
        byte[] request = connect(HASH);
        request[1] = (byte) command;
        Run run = assertClosedAfter(concat(greeting(), request, ascii("more")), concat(CHOICE, refusal(7)));
        assertEquals(4, run.unread());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void ipAddressIsReadToItsEndAndRefusedAsNotSupported(int type) {
        int length = type == 1 ? 4 : 16;
        byte[] request = concat(of(5, 1, 0, type), new byte[length], of(0, 80));
        Run run = assertClosedAfter(concat(greeting(), request, ascii("more")), concat(CHOICE, refusal(8)));
        assertEquals(4, run.unread());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 5, 0x7F, 0xFF})
    void unknownAddressTypeIsRefusedAtOnce(int type) {
        byte[] request = connect(HASH);
        request[3] = (byte) type;
        Run run = assertClosedAfter(concat(greeting(), request), concat(CHOICE, refusal(8)));
        assertEquals(request.length - 5, run.unread());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 39, 41, 200, 255})
    void addressOfAnotherLengthIsReadToItsEndAndRefusedAsUnreachable(int length) {
        Run run = assertClosedAfter(concat(greeting(), connect("a".repeat(length)), ascii("x")),
                concat(CHOICE, refusal(4)));
        assertEquals(1, run.unread());
    }

    @Test
    void overLongDomainLengthThatIsNeverSentKeepsItWaitingWithinItsBuffer() {
        // announces 255 bytes, sends 40: the listener's deadline ends this one
        byte[] request = connect(HASH);
        request[4] = (byte) 255;
        Run run = runAllWays(concat(greeting(), request));
        assertEquals(Status.READING, run.status());
        assertArrayEquals(CHOICE, run.written());
        assertEquals(255 - 40, run.handshake().wanted());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "da54af79881c0276006e530ddfdc838132fe3a5g",
        "da54af79881c0276006e530ddfdc838132fe3a5 ",
        "../../../../../../../../../../etc/passwd",
        "da54af79881c0276006e530ddfdc838132fe3a5\n",
        "da54af79881c0276006e530ddfdc838132fe3a5\0" })
    void addressThatIsNotHexIsRefusedAsUnreachable(String address) {
        assertClosedAfter(concat(greeting(), connect(address)), concat(CHOICE, refusal(4)));
    }

    @Test
    void httpRequestIsClosedWithoutAnswer() {
        assertClosedAfter(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), new byte[0]);
    }

    @Test
    void xmlStreamHeaderIsClosedWithoutAnswer() {
        assertClosedAfter(ascii("<?xml version='1.0'?><stream:stream to='x'>"), new byte[0]);
    }

    /** The only things a handshake may ever write back before its request is answered. */
    private static final List<byte[]> ALLOWED = List.of(new byte[0], NO_METHOD, CHOICE, concat(CHOICE, refusal(4)),
            concat(CHOICE, refusal(7)), concat(CHOICE, refusal(8)));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomGarbageNeverGetsMoreThanAChoiceAndARefusal(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] input = new byte[random.nextInt(600)];
            random.nextBytes(input);
            if (random.nextBoolean() && input.length > 2) {
                // a plausible start, so that later parts get exercised too
                input[0] = 5;
                input[1] = (byte) random.nextInt(4);
                input[2] = 0;
            }
            Run run = run(input, 1 + random.nextInt(8));
            assertTrue(ALLOWED.stream().anyMatch(a -> Arrays.equals(a, run.written())),
                    "seed " + seed + " input " + i + " wrote " + Arrays.toString(run.written()));
            if (run.status() == Status.READING) {
                assertEquals(0, run.unread(), "it stops reading only when it has decided");
            }
        }
    }
}
