package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CpuAtOfferTest {

    @Test
    void oneTabSeparatedLineWithTheNanos() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CpuAtOffer(new PrintStream(bytes, false, StandardCharsets.UTF_8)).print();
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("cpu-at-offer-nanos\t(-1|[0-9]+)\n"), line);
    }

    @Test
    void thisRuntimeKnowsItsCpuTime() {
        // the JDKs this project runs on (HotSpot on Linux) all do; -1 is for the others
        assertTrue(CpuAtOffer.processCpuNanos() > 0);
    }
}
