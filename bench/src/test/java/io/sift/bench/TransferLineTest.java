package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TransferLineTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void siftResultLineWithTimes() {
        TransferLine t = TransferLine.ofSift("COMPLETED\tf.bin\t1048576\tsocks5\t" + SHA + "\t/tmp/x/f.bin\t120\t24\tverified")
                .orElseThrow();
        assertTrue(t.complete());
        assertEquals(1048576, t.bytes());
        assertEquals(120, t.millis());
        assertEquals(Optional.of(24L), t.ttfbMillis());
        assertEquals(Optional.of(SHA), t.sha256());
        assertEquals("socks5", t.method());
        assertEquals("f.bin", t.name());
    }

    @Test
    void siftFailureWithoutFirstByteOrHash() {
        TransferLine t = TransferLine.ofSift("FAILED\tsmall.txt\t5\t-\t-\tcarol@localhost\t7\t-\t-").orElseThrow();
        assertFalse(t.complete());
        assertEquals(Optional.empty(), t.ttfbMillis());
        assertEquals(Optional.empty(), t.sha256());
        assertEquals("-", t.method());
    }

    @Test
    void siftLinesThatAreNotResultsAreIgnored() {
        for (String line : new String[] {"", "Ready: bob@localhost is online",
            "COMPLETED\tf\t10\tibb\t" + SHA + "\t/p", // no time columns: an older runtime
            "COMPLETED\tf\t10\tibb\t" + SHA + "\t/p\t1\t2", // no check column: an older runtime
            "COMPLETED\tf\t10\tibb\t" + SHA + "\t/p\t1\t2\tverified\t3",
            "COMPLETED\tf\t-10\tibb\t" + SHA + "\t/p\t1\t2\tverified",
            "COMPLETED\tf\t10\tibb\t" + SHA + "\t/p\t99999999999999999999\t2\tverified",
            "COMPLETED\tf\t1e3\tibb\t" + SHA + "\t/p\t1\t2\tverified",
            "COMPLETED\tf\t10\tibb\t" + SHA + "\t/p\t\t2\tverified"}) {
            assertEquals(Optional.empty(), TransferLine.ofSift(line), line);
        }
    }

    @Test
    void hostileFieldsDoNotLeak() {
        TransferLine t = TransferLine.ofSift("COMPLETED\tf\t10\t<x/>\u0007\t" + SHA.substring(1) + "Z\t/p\t5\t-1\tunverified")
                .orElseThrow();
        assertEquals("?", t.method());
        assertEquals(Optional.empty(), t.sha256());
        assertEquals(Optional.empty(), t.ttfbMillis());
    }

    @Test
    void smackReceiverAndSenderResults() {
        TransferLine r = TransferLine.ofSmack("RESULT status=complete name=report.pdf bytes=1048576 millis=33 sha256="
                + SHA + " method=socks5").orElseThrow();
        assertTrue(r.complete());
        assertEquals(1048576, r.bytes());
        assertEquals(33, r.millis());
        assertEquals(Optional.of(SHA), r.sha256());
        assertEquals(Optional.empty(), r.ttfbMillis());
        assertEquals("report.pdf", r.name());
        TransferLine s = TransferLine.ofSmack("RESULT status=error bytes=0 millis=12 method=? error=X:_y")
                .orElseThrow();
        assertFalse(s.complete());
        assertEquals("?", s.method());
        assertEquals("-", s.name());
    }

    @Test
    void smackLinesThatAreNotResultsAreIgnored() {
        for (String line : new String[] {"READY bob@localhost/smack", "OFFER from=a name=f size=3", "RESULT",
            "RESULT status=complete bytes=1", "RESULT status=complete bytes=x millis=1",
            "RESULT status=complete bytes=-1 millis=1", "RESULT bytes=1 millis=1",
            "RESULT status=complete bytes=1 millis=123456789012345678901", " RESULT status=complete bytes=1 millis=1"}) {
            assertEquals(Optional.empty(), TransferLine.ofSmack(line), line);
        }
    }

    @Test
    void aRepeatedFieldCannotOverrideTheFirst() {
        TransferLine t = TransferLine.ofSmack("RESULT status=complete bytes=5 millis=1 bytes=999 status=error")
                .orElseThrow();
        assertEquals(5, t.bytes());
        assertTrue(t.complete());
    }
}
