package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UnresolvedPlaceholdersTest {

    @Test
    void eachPlaceholderLeftNamesWhatIsMissing() {
        List<UnresolvedPlaceholders.Problem> problems = UnresolvedPlaceholders.in(Map.of(
                "password", "$[env:XMPP_PASSWORD]",
                "host", "$[prop:xmpp.host;default=]x$[secret:host-name]",
                "jid", "alice@example.org"), List.of("jid", "password", "host"));

        assertEquals(List.of(
                "password: $[env:XMPP_PASSWORD] was not replaced: the environment variable XMPP_PASSWORD is not set",
                "host: $[prop:xmpp.host;default=] was not replaced: the framework property xmpp.host is not set",
                "host: $[secret:host-name] was not replaced: there is no secret file host-name in the secrets directory"),
                problems.stream().map(Object::toString).toList());
    }

    @Test
    void escapedPlaceholdersOtherTypesOtherFieldsAndNonTextAreNotProblems() {
        assertEquals(List.of(), UnresolvedPlaceholders.in(Map.of(
                "password", "\\$[env:LITERAL] $[conf:jid] $ [env:X] $[env:X",
                "port", 5222,
                "comment", "$[env:UNSET]"), List.of("password", "port")));
    }

    @Test
    void anUnresolvedFieldIsReportedAsSuchAndTheOthersStillChecked() {
        Map<String, Object> props = ConfigProxy.valid();
        props.put("password", "$[secret:alice]");
        props.put("port", "$[env:XMPP_PORT]");
        props.put("securityMode", "SOMETIMES");
        // DS could not make a number of the port's text
        Map<String, Object> seenByDs = new java.util.HashMap<>(props);
        seenByDs.put("port", new NumberFormatException("For input string: \"$[env:XMPP_PORT]\""));

        AccountSettings.Validation validation = AccountSettings.validate(ConfigProxy.of(seenByDs), props);

        assertFalse(validation.isValid());
        assertEquals(List.of(
                "password: $[secret:alice] was not replaced: there is no secret file alice in the secrets directory",
                "port: $[env:XMPP_PORT] was not replaced: the environment variable XMPP_PORT is not set",
                "securityMode: 'SOMETIMES' is not one of REQUIRED, IF_POSSIBLE, DISABLED"), validation.problems());
    }

    @Test
    void withoutPlaceholdersTheValidationIsUnchanged() {
        Map<String, Object> props = ConfigProxy.valid();
        assertTrue(AccountSettings.validate(ConfigProxy.of(props), props).isValid());
    }
}
