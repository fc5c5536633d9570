package org.sttbench.exec.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerImageBuilderTest {
    @Test
    void lddOutputGivesTheResolvedLibraryPathsOnly() {
        String ldd = """
                \tlinux-vdso.so.1 (0x00007ffd4a3f2000)
                \tlibgomp.so.1 => /lib/x86_64-linux-gnu/libgomp.so.1 (0x00007f2b7de6d000)
                \tlibmissing.so.3 => not found
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f2b7e00c000)
                """;
        assertThat(JreBundle.parseLdd(ldd)).containsExactly(
                Path.of("/lib/x86_64-linux-gnu/libgomp.so.1"), Path.of("/lib64/ld-linux-x86-64.so.2"));
    }

    @Test
    void theTagFollowsTheContentAndIsNeverLatest(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("app.jar");
        Files.writeString(jar, "one");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes/run.camel.yaml"), "- route: {}");
        AppFiles app = new AppFiles("1.2.3", List.of(jar), home);
        String tag = new WorkerImageBuilder(app, l -> { }).tag();

        assertThat(tag).startsWith("1.2.3-").hasSize("1.2.3-".length() + 12).isNotEqualTo("latest");
        assertThat(new WorkerImageBuilder(app, l -> { }).tag()).isEqualTo(tag);
        Files.writeString(home.resolve("routes/run.camel.yaml"), "- route: {id: x}");
        assertThat(new WorkerImageBuilder(app, l -> { }).tag()).isNotEqualTo(tag);
    }

    @Test
    void theImageHoldsTheClasspathAndTheEditableFolders(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/org"));
        Files.writeString(classes.resolve("A.class"), "x");
        Path jar = dir.resolve("lib.jar");
        Files.writeString(jar, "y");
        Path home = Files.createDirectories(dir.resolve("home/templates"));
        Files.writeString(home.resolve("a.ftl"), "z");
        AppFiles app = new AppFiles("dev", List.of(dir.resolve("classes"), jar), dir.resolve("home"));

        assertThat(app.layout()).containsOnlyKeys("app/classes/0/org/A.class", "app/lib/lib.jar", "app/templates/a.ftl");
        assertThat(app.containerClasspath()).isEqualTo("/app/classes/0:/app/lib/*");
        assertThat(new WorkerImageBuilder(app, l -> { }).entrypoint())
                .contains("-Dsttbench.home=/app", "/app/classes/0:/app/lib/*", "org.sttbench.cli.Main");
    }
}
