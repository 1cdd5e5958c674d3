package io.sift.eclipse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretPlaceholdersTest {

    private final Map<String, String> store = Map.of("sift-alice_example.org", "s3cr$t\\1");

    @Test
    void aKnownSecretReplacesItsPlaceholderLiterally() {
        assertEquals("s3cr$t\\1", SecretPlaceholders.resolve("$[secret:sift-alice_example.org]",
                n -> Optional.ofNullable(store.get(n))));
    }

    @Test
    void anUnknownSecretStaysForAnotherPlugin() {
        assertEquals("$[secret:other]", SecretPlaceholders.resolve("$[secret:other]", n -> Optional.ofNullable(store.get(n))));
    }

    @Test
    void theNameIsReadOnlyFromAWholePlaceholder() {
        assertEquals(Optional.of("sift-bob"), SecretPlaceholders.name(" $[secret:sift-bob] "));
        assertEquals(Optional.empty(), SecretPlaceholders.name("plain password"));
        assertEquals(Optional.empty(), SecretPlaceholders.name(42));
    }

    @Test
    void accountNamesBecomeFileSafeSecretNames() {
        assertEquals("sift-bob_example.org", SecretPlaceholders.forAccount("bob@example.org"));
        assertEquals("$[secret:sift-bob_example.org]", SecretPlaceholders.of("sift-bob_example.org"));
        assertThrows(IllegalArgumentException.class, () -> SecretPlaceholders.of("../etc/passwd"));
    }

    @Test
    void configurationNamesComeFromTheJid() {
        assertEquals("alice_example.org", new AccountEntry(Optional.empty(), " Alice@Example.org ", "", 5222,
                "REQUIRED", "").configurationName());
    }

    @Test
    void typedJidsAreCheckedLoosely() {
        assertEquals(true, Jids.looksValid("bob@localhost"));
        assertEquals(true, Jids.looksValid("bob@localhost/laptop"));
        assertEquals(false, Jids.looksValid("bob"));
        assertEquals(false, Jids.looksValid("bob @localhost"));
    }
}
