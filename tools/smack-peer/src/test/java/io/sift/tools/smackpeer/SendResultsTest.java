package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SendResultsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final SendResults results =
            new SendResults(new Report(new PrintStream(bytes, false, StandardCharsets.UTF_8)),
                    new CpuAtEnd(new PrintStream(new ByteArrayOutputStream(), false, StandardCharsets.UTF_8)));

    private static Outcome complete() {
        return new Outcome("complete", 5, 1, "socks5", Optional.empty());
    }

    private static Outcome failed(String status) {
        return new Outcome(status, 0, 1, "?", Optional.of("no"));
    }

    @Test
    void everyFileCompleteIsOk() {
        results.ended("a", complete());
        results.ended("b", complete());
        assertEquals(SmackPeer.OK, results.exitCode());
        assertEquals("RESULT status=complete name=a bytes=5 millis=1 method=socks5\n"
                + "RESULT status=complete name=b bytes=5 millis=1 method=socks5\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstFailurePrintedDecides() {
        results.ended("a", complete());
        results.ended("b", failed("refused"));
        results.timedOut("c", failed("error"));
        assertEquals(SmackPeer.TRANSFER_FAILED, results.exitCode());
    }

    @Test
    void aTimeoutFirstIsATimeout() {
        results.timedOut("a", failed("error"));
        results.ended("b", failed("cancelled"));
        results.ended("c", complete());
        assertEquals(SmackPeer.TIMED_OUT, results.exitCode());
    }
}
