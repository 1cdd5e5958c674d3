package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeFileNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "C:\\x", "", "..", ".", " ", "\t", "/etc/passwd", "..\\x", "x/..",
        "dir/", "a\u0000b", "a\nb", "a\rb", "\u007f", "a\u0085b"})
    void unsafeNamesAreRefused(String offered) {
        assertEquals(Optional.empty(), SafeFileName.of(offered));
    }

    @Test
    void missingNameIsRefused() {
        assertEquals(Optional.empty(), SafeFileName.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "...", "a..b", "..x", ".hidden", "two words.txt", "naïve café.txt",
        "C:x", "-", "%41=b"})
    void plainBaseNamesAreKept(String offered) {
        assertEquals(Optional.of(offered), SafeFileName.of(offered));
    }

    @Test
    void lengthIsCountedInBytes() {
        assertEquals(Optional.of("a".repeat(255)), SafeFileName.of("a".repeat(255)));
        assertEquals(Optional.empty(), SafeFileName.of("a".repeat(256)));
        // 'é' is two bytes in UTF-8: 128 of them are 256 bytes
        assertEquals(Optional.of("é".repeat(127)), SafeFileName.of("é".repeat(127)));
        assertEquals(Optional.empty(), SafeFileName.of("é".repeat(128)));
        assertEquals(Optional.empty(), SafeFileName.of("x".repeat(1_000_000)));
    }
}
