package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.models.CatalogEntry;
import org.sttbench.models.ModelCatalog;
import org.sttbench.models.ModelDownloader;
import org.sttbench.models.ModelStore;
import picocli.CommandLine;

class ModelsCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    String baseUrl = "http://127.0.0.1:1";
    List<CatalogEntry> catalog = List.of();

    private int run(String... args) {
        ModelStore store = new ModelStore(dir);
        CommandLine cl = Main.commandLine(new ModelsCommand(() -> store,
                s -> new ModelDownloader(s, new ModelCatalog(catalog), baseUrl, false)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void synthWritesIntoTheStoreAndListShowsIt() {
        assertThat(run("synth", "micro", "--seed", "3", "--tokens-per-second", "1")).isZero();
        assertThat(out.toString()).contains("ggml-micro.bin").contains("30 tokens per 30 s window")
                .contains("timing only");
        assertThat(dir.resolve("ggml-micro.bin")).exists();

        assertThat(run("list")).isZero();
        assertThat(out.toString()).containsPattern("micro\\s+7\\.\\d MiB\\s+synthetic\\s+[0-9a-f]{12}")
                .contains("large-v3-turbo-q5_0").contains("micro, tiny, base, small");
    }

    @Test
    void synthWithOutWritesThere() {
        Path file = dir.resolve("sub/x.bin");
        assertThat(run("synth", "micro", "--out", file.toString())).isZero();
        assertThat(file).exists();
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        assertThat(run("synth", "huge")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).startsWith("sttbench models synth: no synthetic shape named 'huge'").hasLineCount(1);
        assertThat(run("pull", "gigantic")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("unknown model: gigantic");
        assertThat(run()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void pullFailureExitsOneAndSuccessExitsZero() throws IOException {
        catalog = List.of(new CatalogEntry("micro", "ggml-micro.bin", 1, null));
        assertThat(run("pull", "micro")).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("cannot reach");

        Path served = Files.createTempDirectory(dir, "srv").resolve("m.bin");
        run("synth", "micro", "--out", served.toString());
        byte[] bytes = Files.readAllBytes(served);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        try {
            baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(run("pull", "micro")).isZero();
            assertThat(dir.resolve("ggml-micro.bin")).hasBinaryContent(bytes);
        } finally {
            server.stop(0);
        }
    }
}
