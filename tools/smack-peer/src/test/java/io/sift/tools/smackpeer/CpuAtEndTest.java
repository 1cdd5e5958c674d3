package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CpuAtEndTest {

    @Test
    void printsTheLatestMarkOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CpuAtEnd cpu = new CpuAtEnd(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        cpu.mark();
        cpu.mark();
        cpu.print();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("cpu-at-end-nanos\t[1-9]\\d*\n"), text);
    }

    @Test
    void printsNothingWithoutAnEndedTransfer() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CpuAtEnd(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
