package io.sift.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Table cells, terminal width detection and shell configuration validation. */
class SmallPartsTest {

    @Test
    void tableCellsNeutraliseControlCharacters() {
        TableView table = TableView.of("ID", "FILE", "STATE")
                .row("1", "a.txt", "completed")
                .row("22", "b\u001b[31m\n.txt", "")
                .build();
        assertEquals(java.util.List.of("22", "b?[31m?.txt", "-"), table.rows().get(1));
        assertThrows(IllegalArgumentException.class, () -> TableView.of("A", "B").row("only one"));
    }

    @Test
    void terminalWidthFromKarafThenColumnsThenDefault() {
        assertEquals(132, TerminalWidth.of(Map.<String, Object>of("#COLUMNS", 132, "COLUMNS", "90")::get));
        assertEquals(90, TerminalWidth.of(Map.<String, Object>of("COLUMNS", " 90 ")::get));
        assertEquals(80, TerminalWidth.of(Map.<String, Object>of("#COLUMNS", 0)::get), "no real terminal");
        assertEquals(80, TerminalWidth.of(Map.<String, Object>of("COLUMNS", "wide")::get));
        assertEquals(80, TerminalWidth.of(Map.<String, Object>of()::get));
        assertEquals(20, TerminalWidth.of(Map.<String, Object>of("COLUMNS", 3)::get));
        assertEquals(500, TerminalWidth.of(Map.<String, Object>of("COLUMNS", 100000)::get));
    }

    @Test
    void defaultsAreValid() {
        ShellSettings settings = ShellSettings.validate(config(false, 110, "DECLINE")).settings().orElseThrow();
        assertEquals(new ShellSettings(false, Duration.ofSeconds(110), ShellSettings.TimeoutAction.DECLINE), settings);
        assertEquals(ShellSettings.TimeoutAction.PASS,
                ShellSettings.validate(config(true, 5, " pass ")).settings().orElseThrow().timeoutAction());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ShellSettings.Validation v = ShellSettings.validate(config(true, 0, "maybe\u001b"));
        assertTrue(v.settings().isEmpty());
        assertEquals(2, v.problems().size(), v.problems().toString());
        assertEquals("askTimeoutSeconds: 0 is not between 1 and 86400", v.problems().get(0));
        assertEquals("askTimeoutAction: 'maybe?' is not one of DECLINE, PASS", v.problems().get(1));
        assertEquals(1, ShellSettings.validate(config(true, Integer.MAX_VALUE, "PASS")).problems().size());
        assertEquals(1, ShellSettings.validate(config(true, 5, null)).problems().size());
    }

    @Test
    void unconvertibleValuesAreProblemsNotExceptions() {
        ShellConfig broken = new ShellConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ShellConfig.class; }
            @Override public boolean askOffers() { throw new IllegalArgumentException("not a boolean"); }
            @Override public int askTimeoutSeconds() { throw new NumberFormatException("x"); }
            @Override public String askTimeoutAction() { throw new IllegalStateException("?"); }
        };
        assertEquals(3, ShellSettings.validate(broken).problems().size());
    }

    private static ShellConfig config(boolean ask, int seconds, String action) {
        return new ShellConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ShellConfig.class; }
            @Override public boolean askOffers() { return ask; }
            @Override public int askTimeoutSeconds() { return seconds; }
            @Override public String askTimeoutAction() { return action; }
        };
    }
}
