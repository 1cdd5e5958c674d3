package io.sift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EtcSettingsTest {

    private final Path etc = Path.of("/srv/sift/etc");

    @Test
    void fileInstallWatchesTheFolderForConfigurationFilesOnlyAndSecretsLieBesideThem() {
        Map<String, String> settings = EtcSettings.of(Path.of("/srv/sift/./etc"), name -> null);

        assertEquals(Map.of(
                "felix.fileinstall.dir", "/srv/sift/etc",
                "felix.fileinstall.filter", ".*\\.cfg",
                "felix.fileinstall.noInitialDelay", "true",
                "felix.fileinstall.enableConfigSave", "false",
                "felix.fileinstall.poll", "1000",
                "felix.fileinstall.configEncoding", "UTF-8",
                "org.apache.felix.configadmin.plugin.interpolation.secretsdir", "/srv/sift/etc/secrets"), settings);
        assertTrue("io.sift.connection-alice.cfg".matches(settings.get("felix.fileinstall.filter")));
        assertFalse("io.sift.connection-alice.cfg.sample".matches(settings.get("felix.fileinstall.filter")));
    }

    @Test
    void aRelativeFolderBecomesAbsolute() {
        assertEquals(Path.of("etc").toAbsolutePath().toString(),
                EtcSettings.of(Path.of("etc"), name -> null).get("felix.fileinstall.dir"));
    }

    @Test
    void whatTheProcessWasGivenIsKeptExceptTheFolderAndHowItIsRead() {
        Map<String, String> given = Map.of(
                "org.apache.felix.configadmin.plugin.interpolation.secretsdir", "/run/secrets",
                "felix.fileinstall.poll", "250",
                "felix.fileinstall.configEncoding", "ISO-8859-1",
                "felix.fileinstall.dir", "/elsewhere",
                "felix.fileinstall.filter", ".*",
                "felix.fileinstall.enableConfigSave", "true");

        Map<String, String> settings = EtcSettings.of(etc, given::get);

        assertEquals("/run/secrets", settings.get("org.apache.felix.configadmin.plugin.interpolation.secretsdir"));
        assertEquals("250", settings.get("felix.fileinstall.poll"));
        assertEquals("ISO-8859-1", settings.get("felix.fileinstall.configEncoding"));
        assertEquals("/srv/sift/etc", settings.get("felix.fileinstall.dir"));
        assertEquals(".*\\.cfg", settings.get("felix.fileinstall.filter"));
        assertEquals("false", settings.get("felix.fileinstall.enableConfigSave"));
    }
}
