package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbbSettingsTest {

    private static IbbConfig config(Map<String, Object> values) {
        return ConfigProxy.of(values);
    }

    private static List<String> problems(String key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key, value);
        return IbbSettings.validate(config(values)).problems();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        IbbSettings s = IbbSettings.validate(config(Map.of())).settings().orElseThrow();
        assertEquals(new IbbSettings(65535, 64, DataStanza.IQ, 65535, 10000, 30000, 5000, 10, true), s);
    }

    @Test
    void everyFieldIsTaken() {
        IbbSettings s = IbbSettings.validate(config(Map.of("blockSize", 65535, "window", 1, "stanza", " message ",
                "maxBlockSize", 8192, "openTimeoutMillis", 1L, "ackTimeoutMillis", 2L, "closeTimeoutMillis", 3L,
                "priority", -5, "adaptiveBlockSize", false))).settings().orElseThrow();
        assertEquals(new IbbSettings(65535, 1, DataStanza.MESSAGE, 8192, 1, 2, 3, -5, false), s);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE})
    void blockSizeOutOfRangeIsNamed(int value) {
        assertEquals(List.of("blockSize: " + value + " is out of range (1-65535)"), problems("blockSize", value));
        assertEquals(List.of("maxBlockSize: " + value + " is out of range (1-65535)"), problems("maxBlockSize", value));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3, 1025})
    void windowOutOfRangeIsNamed(int value) {
        assertEquals(List.of("window: " + value + " is out of range (1-1024)"), problems("window", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRESENCE", "", "i q"})
    void unknownStanzaIsNamed(String value) {
        List<String> problems = problems("stanza", value);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("stanza: "), problems.toString());
    }

    @Test
    void controlCharactersInAValueCannotForgeLogLines() {
        String problem = problems("stanza", "IQ\nERROR fake line").get(0);
        assertTrue(!problem.contains("\n") && problem.contains("\\u000a"), problem);
    }

    @Test
    void timeoutsMustBePositive() {
        assertEquals(List.of("ackTimeoutMillis: 0 is below the minimum of 1"), problems("ackTimeoutMillis", 0L));
        assertEquals(List.of("openTimeoutMillis: -1 is below the minimum of 1"), problems("openTimeoutMillis", -1L));
    }

    @Test
    void valuesDsCannotConvertAreReportedNotThrown() {
        assertEquals(List.of("window: not a number"), problems("window", new NumberFormatException("x")));
        assertEquals(List.of("priority: not a number"), problems("priority", new NumberFormatException("x")));
        assertEquals(List.of("closeTimeoutMillis: not a number"),
                problems("closeTimeoutMillis", new NumberFormatException("x")));
    }

    @Test
    void allProblemsAreReportedTogether() {
        IbbSettings.Validation v = IbbSettings.validate(config(Map.of("blockSize", 0, "window", 0, "stanza", "x",
                "closeTimeoutMillis", 0L)));
        assertEquals(4, v.problems().size(), v.problems().toString());
        assertTrue(v.settings().isEmpty());
    }
}
