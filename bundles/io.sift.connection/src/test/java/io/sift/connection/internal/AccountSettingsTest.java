package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountSettingsTest {

    private static AccountSettings.Validation validate(Map<String, Object> props) {
        return AccountSettings.validate(ConfigProxy.of(props));
    }

    private static List<String> problems(String key, Object value) {
        Map<String, Object> props = ConfigProxy.valid();
        props.put(key, value);
        return validate(props).problems();
    }

    @Test
    void minimalConfigurationTakesTheDefaults() {
        AccountSettings s = validate(ConfigProxy.valid()).settings().orElseThrow();
        assertEquals("alice@example.org", s.jid().toString());
        assertEquals("s3cret", s.password());
        assertEquals(Optional.empty(), s.host());
        assertEquals(5222, s.port());
        assertEquals(SecurityMode.required, s.securityMode());
        assertEquals(Optional.empty(), s.resource());
        assertTrue(s.reconnect());
        assertEquals(15000, s.replyTimeoutMillis());
    }

    @Test
    void everyFieldIsTaken() {
        Map<String, Object> props = ConfigProxy.valid();
        props.put("host", " 127.0.0.1 ");
        props.put("port", 15222);
        props.put("securityMode", "if_possible");
        props.put("resource", "laptop");
        props.put("reconnect", false);
        props.put("replyTimeoutMillis", 2000L);
        AccountSettings s = validate(props).settings().orElseThrow();
        assertEquals(Optional.of("127.0.0.1"), s.host());
        assertEquals(15222, s.port());
        assertEquals(SecurityMode.ifpossible, s.securityMode());
        assertEquals("laptop", s.resource().orElseThrow().toString());
        assertFalse(s.reconnect());
        assertEquals(2000, s.replyTimeoutMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "alice", "example.org", "alice@", "@example.org", "alice@example.org/res",
        "a b@example.org", "al\u0000ice@example.org"})
    void malformedJidIsNamed(String jid) {
        List<String> problems = problems("jid", jid);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("jid:"), problems::toString);
    }

    @Test
    void missingJidAndPasswordAreNamed() {
        List<String> problems = validate(Map.of()).problems();
        assertEquals(List.of("jid: missing", "password: missing"), problems);
    }

    @Test
    void emptyPasswordIsRejected() {
        assertEquals(List.of("password: empty"), problems("password", ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 70000, Integer.MIN_VALUE})
    void portOutOfRangeIsRejected(int port) {
        assertEquals(List.of("port: " + port + " is out of range (1-65535)"), problems("port", port));
    }

    @Test
    void portThatDsCannotConvertIsReportedNotThrown() {
        assertEquals(List.of("port: not a number"), problems("port", new NumberFormatException("x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SOMETIMES", "", "tls"})
    void unknownSecurityModeIsRejected(String mode) {
        List<String> problems = problems("securityMode", mode);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("securityMode:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.org", "host/path", "tab\there"})
    void hostWithSpacesOrSlashesIsRejected(String host) {
        List<String> problems = problems("host", host);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("host:"));
    }

    @Test
    void tooShortReplyTimeoutIsRejected() {
        assertEquals(List.of("replyTimeoutMillis: 10 is below the minimum of 100"), problems("replyTimeoutMillis", 10L));
    }

    @Test
    void allProblemsAreReportedTogether() {
        Map<String, Object> props = Map.of("jid", "nope", "password", "", "port", 0, "securityMode", "x");
        List<String> problems = validate(props).problems();
        assertEquals(4, problems.size(), problems::toString);
        assertFalse(validate(props).isValid());
    }

    @Test
    void toStringNeverShowsThePassword() {
        AccountSettings s = validate(ConfigProxy.valid()).settings().orElseThrow();
        assertFalse(s.toString().contains("s3cret"));
    }
}
