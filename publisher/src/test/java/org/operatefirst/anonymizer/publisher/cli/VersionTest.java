package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.scrubbers.Scrubber;

/** {@code anonymizer --version} names the version Maven built, and the scrubbing rules' version beside it. */
class VersionTest {

    @Test
    void versionIsTheProjectVersionOfTheBuild() throws IOException {
        final String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "pom.xml"));
        final Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(parent.find()).isTrue();

        assertThat(new AnonymizerCli.Version().getVersion())
                .containsExactly("anonymizer " + parent.group(1) + " (scrubbing rules " + Scrubber.VERSION + ")");
    }
}
