package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

class ReportTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Report report = new Report(new PrintStream(bytes, false, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachLineReachesTheStreamInOneWriteWithItsLineBreak() {
        // as System.out is built: autoflush over a 128-byte buffer, where a longer text goes straight through
        List<String> writes = new ArrayList<>();
        OutputStream pipe = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            }
        };
        Report lines = new Report(new PrintStream(new BufferedOutputStream(pipe, 128), true, StandardCharsets.UTF_8));
        String sha = "9faf02a3eb9a4a862544827b6a8e9ef9b59350f9c33434f8576934dd7eeccf75";
        lines.blocks("complete", 67_108_864, 1211, sha, Optional.empty());
        lines.blocks("failed", 0, 12, "-", Optional.of("x".repeat(300)));
        assertEquals(List.of("BLOCKS status=complete bytes=67108864 millis=1211 sha256=" + sha + "\n",
                "BLOCKS status=failed bytes=0 millis=12 sha256=- error=" + "x".repeat(300) + "\n"), writes);
    }

    @Test
    void tokensArePercentEncodedWithoutSpaces() {
        assertEquals("a.b-c_d~", Report.token("a.b-c_d~"));
        assertEquals("two%20words.txt", Report.token("two words.txt"));
        assertEquals("100%25%3Dx", Report.token("100%=x"));
        assertEquals("na%C3%AFve", Report.token("naïve"));
        assertEquals("a%0Ab%0D%09%00%7F", Report.token("a\nb\r\t\u0000\u007f"));
        assertEquals("", Report.token(""));
    }

    @Test
    void textTurnsWhiteSpaceIntoUnderscores() {
        assertEquals("Connection_refused:_no_route", Report.text("  Connection refused:\n no   route "));
        assertEquals("x%3Dy_100%25", Report.text("x=y 100%"));
    }

    @Test
    void readyAndOfferLines() throws XmppStringprepException {
        report.ready(JidCreate.entityFullFrom("bob@localhost/smack"));
        report.offer(JidCreate.entityFullFrom("alice@localhost/my desk"), "a b.txt", 42);
        assertEquals("READY bob@localhost/smack\nOFFER from=alice@localhost/my%20desk name=a%20b.txt size=42\n",
                printed());
    }

    @Test
    void sendResultLines() {
        report.sent("a.bin", new Outcome("complete", 1048576, 25, "socks5", Optional.empty()));
        report.sent("my file=1",
                new Outcome("error", 0, 3, "?", Optional.of("XMPPErrorException: forbidden - cancel")));
        assertEquals("RESULT status=complete name=a.bin bytes=1048576 millis=25 method=socks5\n"
                + "RESULT status=error name=my%20file%3D1 bytes=0 millis=3 method=? "
                + "error=XMPPErrorException:_forbidden_-_cancel\n",
                printed());
    }

    @Test
    void receiveResultLines() {
        report.received("r e.bin", new Outcome("complete", 5, 7, "ibb", Optional.empty()), Optional.of("ab12"));
        report.received("../x", new Outcome("refused", 0, 1, "?", Optional.of("unsafe file name")), Optional.empty());
        assertEquals("RESULT status=complete name=r%20e.bin bytes=5 millis=7 sha256=ab12 method=ibb\n"
                + "RESULT status=refused name=../x bytes=0 millis=1 sha256=- method=? error=unsafe_file_name\n",
                printed());
    }
}
