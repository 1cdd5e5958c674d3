package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setting is a file here; on a guest with free page reporting it is the kernel's parameter. */
class FreedMemoryHoldTest {

    @TempDir
    Path dir;

    @Test
    void aLowerSettingIsRaisedForTheRunAndSetBackOnceAtTheEnd() throws Exception {
        Path setting = Files.writeString(dir.resolve("min_free_ms"), "0\n");
        FreedMemoryHold hold = FreedMemoryHold.start(setting, 120_000);
        assertEquals("120000", Files.readString(setting));
        assertTrue(hold.description().contains("0 -> 120000"), hold.description());
        hold.close();
        assertEquals("0", Files.readString(setting));
        Files.writeString(setting, "5");
        hold.close();
        assertEquals("5", Files.readString(setting), "a second close (the shutdown hook's) writes nothing");
    }

    @Test
    void aSettingThatHoldsLongEnoughIsLeftAsItIs() throws Exception {
        Path setting = Files.writeString(dir.resolve("min_free_ms"), "600000\n");
        try (FreedMemoryHold hold = FreedMemoryHold.start(setting, 120_000)) {
            assertTrue(hold.description().contains("600000 ms by this machine's own setting"), hold.description());
        }
        assertEquals("600000\n", Files.readString(setting));
    }

    @Test
    void aMachineWithoutTheSettingRunsAsItIsAndSaysSo() throws Exception {
        try (FreedMemoryHold hold = FreedMemoryHold.start(dir.resolve("absent"), 120_000)) {
            assertTrue(hold.description().startsWith("freed memory not held: this machine has no"),
                    hold.description());
        }
        assertTrue(Files.notExists(dir.resolve("absent")), "nothing is created where there was no setting");
    }

    @Test
    void aSettingThatIsNotANumberIsNotTouched() throws Exception {
        Path setting = Files.writeString(dir.resolve("min_free_ms"), "off");
        try (FreedMemoryHold hold = FreedMemoryHold.start(setting, 120_000)) {
            assertTrue(hold.description().contains("holds 'off'"), hold.description());
        }
        assertEquals("off", Files.readString(setting));
    }

    @Test
    void noneSaysWhy() {
        assertEquals("freed memory not held: quick mode", FreedMemoryHold.none("quick mode").description());
    }
}
