package io.sift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataMarkTest {

    @TempDir
    Path dir;

    @Test
    void aCommandThatSucceedsLeavesTheMark() throws Exception {
        Path mark = dir.resolve("run.done");
        assertEquals(0, new ClassDataMark(() -> 0, mark).call());
        assertTrue(Files.isRegularFile(mark));
    }

    @Test
    void aCommandThatFailsLeavesNone() throws Exception {
        Path mark = dir.resolve("run.done");
        assertEquals(3, new ClassDataMark(() -> 3, mark).call());
        assertFalse(Files.exists(mark));
        assertThrows(IllegalStateException.class, () -> new ClassDataMark(() -> {
            throw new IllegalStateException("broken");
        }, mark).call());
        assertFalse(Files.exists(mark));
    }

    @Test
    void aRunThatRecordsNothingWritesNothingAndAMarkThatCannotBeWrittenIsNoFailure() throws Exception {
        assertEquals(0, new ClassDataMark(() -> 0, null).call());
        assertEquals(0, new ClassDataMark(() -> 0, dir.resolve("no-such-folder/run.done")).call());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
