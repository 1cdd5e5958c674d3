package io.sift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcFolderTest {

    @TempDir
    Path etc;

    @Test
    void pidsAndFactoryConfigurationsAsKarafNamesThem() throws IOException {
        write("io.sift.connection-alice.cfg", "jid = alice@example.org\npassword=  s3cret  \n# comment\nport: 5222\n");
        write("io.sift.filetransfer.cfg", "offerPolicy = ACCEPT\ndownloadDirectory = /srv/files\n");
        write("io.sift.connection-my-laptop.cfg", "jid=bob@example.org\n");
        write("README.txt", "not a configuration");
        write("io.sift.ibb.cfg.sample", "blockSize = 1");

        EtcFolder.Contents contents = EtcFolder.read(etc);

        assertEquals(List.of(), contents.problems());
        List<EtcFolder.ConfigFile> files = contents.files();
        assertEquals(3, files.size(), files.toString());
        EtcFolder.ConfigFile alice = files.get(0);
        assertTrue(alice.isFactory());
        assertEquals("io.sift.connection", alice.factoryPid());
        assertEquals("alice", alice.name());
        assertEquals("io.sift.connection~alice", alice.label());
        assertEquals(Map.of("jid", "alice@example.org", "password", "s3cret", "port", "5222"), alice.properties());
        EtcFolder.ConfigFile laptop = files.get(1);
        assertEquals("io.sift.connection", laptop.factoryPid(), "split at the first dash, like FileInstall");
        assertEquals("my-laptop", laptop.name());
        EtcFolder.ConfigFile transfer = files.get(2);
        assertFalse(transfer.isFactory());
        assertEquals("io.sift.filetransfer", transfer.pid());
        assertEquals("ACCEPT", transfer.properties().get("offerPolicy"));
    }

    @Test
    void utf8OrLatin1AndPropertiesEscapes() throws IOException {
        Files.writeString(etc.resolve("a.cfg"), "dir = /srv/d\u00e9p\u00f4t\nmulti = a\\\n  b\nesc = \\u0041\n",
                StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("b.cfg"), "dir = /srv/d\u00e9p\u00f4t\n", StandardCharsets.ISO_8859_1);
        List<EtcFolder.ConfigFile> files = EtcFolder.read(etc).files();
        Map<String, String> utf8 = files.get(0).properties();
        assertEquals("/srv/d\u00e9p\u00f4t", utf8.get("dir"));
        assertEquals("ab", utf8.get("multi"));
        assertEquals("A", utf8.get("esc"));
        assertEquals("/srv/d\u00e9p\u00f4t", files.get(1).properties().get("dir"));
    }

    @Test
    void badNamesAndUnreadableFilesAreReportedAndSkipped() throws IOException {
        write("-alice.cfg", "jid=x");
        write("io.sift.connection-.cfg", "jid=x");
        write(".cfg", "x=y");
        write("broken.cfg", "esc = \\uZZZZ\n");
        Files.createDirectory(etc.resolve("folder.cfg"));
        write("ok.cfg", "a=b");

        EtcFolder.Contents contents = EtcFolder.read(etc);

        assertEquals(List.of("ok"), contents.files().stream().map(EtcFolder.ConfigFile::pid).toList());
        assertEquals(4, contents.problems().size(), contents.problems().toString());
        assertTrue(contents.problems().stream().anyMatch(p -> p.contains("broken.cfg: cannot read")),
                contents.problems().toString());
    }

    @Test
    void missingFolderIsAProblemNotAnException() {
        EtcFolder.Contents contents = EtcFolder.read(etc.resolve("nope"));
        assertEquals(List.of(), contents.files());
        assertEquals(1, contents.problems().size());
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(etc.resolve(name), content, StandardCharsets.ISO_8859_1);
    }
}
