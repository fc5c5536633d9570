package org.sttbench.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;

class ModelDownloaderTest {
    @TempDir
    static Path shared;
    static byte[] model;
    static String sha1;

    @TempDir
    Path storeDir;
    HttpServer server;
    volatile String mode = "full";

    @BeforeAll
    static void makeModel() throws IOException {
        Path f = shared.resolve("served.bin");
        new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, SyntheticModelWriter.Options.defaults()).write(f);
        model = Files.readAllBytes(f);
        sha1 = ModelStore.digest(f, "SHA-1");
    }

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/ggml-micro.bin", exchange -> {
            try (exchange) {
                switch (mode) {
                    case "full" -> {
                        exchange.sendResponseHeaders(200, model.length);
                        exchange.getResponseBody().write(model);
                    }
                    case "drop" -> {
                        exchange.sendResponseHeaders(200, model.length);
                        OutputStream out = exchange.getResponseBody();
                        out.write(model, 0, model.length / 2);
                        out.flush();
                        // closing with bytes missing makes the server drop the connection
                    }
                    default -> exchange.sendResponseHeaders(404, -1);
                }
            } catch (IOException expected) {
                // "insufficient bytes written" in drop mode
            }
        });
        server.createContext("/redirect/ggml-micro.bin", exchange -> {
            exchange.getResponseHeaders().add("Location", "/models/ggml-micro.bin");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ModelDownloader downloader(String path, String checksum) {
        var catalog = new ModelCatalog(List.of(new CatalogEntry("micro", "ggml-micro.bin", model.length, checksum)));
        return new ModelDownloader(new ModelStore(storeDir), catalog,
                "http://127.0.0.1:" + server.getAddress().getPort() + path, false);
    }

    @Test
    void pullStoresTheVerifiedModelUnderItsName() throws IOException {
        ModelInfo info = downloader("/models", sha1).pull("micro");

        assertThat(info.path()).isEqualTo(storeDir.resolve("ggml-micro.bin"));
        assertThat(Files.readAllBytes(info.path())).isEqualTo(model);
        assertThat(info.sha256()).isEqualTo(ModelStore.digest(info.path(), "SHA-256"));
        assertThat(info.synthetic()).isTrue();
        assertThat(leftovers()).isEmpty();
        assertThat(new ModelStore(storeDir).resolve("micro").sizeBytes()).isEqualTo(model.length);
    }

    @Test
    void pullFollowsRedirects() throws IOException {
        assertThat(downloader("/redirect", sha1).pull("micro").sizeBytes()).isEqualTo(model.length);
    }

    @Test
    void wrongChecksumLeavesNothing() {
        assertThatThrownBy(() -> downloader("/models", "0".repeat(40)).pull("micro"))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining(sha1)
                .hasMessageNotContaining("\n");
        assertThat(storeDir.resolve("ggml-micro.bin")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void connectionDroppedMidDownloadLeavesNothing() {
        mode = "drop";

        assertThatThrownBy(() -> downloader("/models", sha1).pull("micro"))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("broke off");
        assertThat(storeDir.resolve("ggml-micro.bin")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void httpErrorIsReported() {
        mode = "404";

        assertThatThrownBy(() -> downloader("/models", sha1).pull("micro"))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("HTTP 404");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void unreachableServerIsAClearError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var catalog = new ModelCatalog(List.of(new CatalogEntry("micro", "ggml-micro.bin", 1, sha1)));
        var d = new ModelDownloader(new ModelStore(storeDir), catalog, "http://127.0.0.1:" + port, false);

        assertThatThrownBy(() -> d.pull("micro"))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:" + port + "/ggml-micro.bin")
                .hasMessageContaining("STTBENCH_MODELS_URL")
                .hasMessageNotContaining("\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        var d = new ModelDownloader(new ModelStore(storeDir), ModelCatalog.standard(), "http://127.0.0.1:1", false);

        assertThatThrownBy(() -> d.pull("gigantic"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown model: gigantic")
                .hasMessageContaining("tiny, ").hasMessageContaining("large-v3-turbo-q5_0");
    }

    @Test
    void aModelAlreadyStoredWithTheRightChecksumIsNotDownloadedAgain() throws IOException {
        Files.write(storeDir.resolve("ggml-micro.bin"), model);
        mode = "404";

        assertThat(downloader("/models", sha1).pull("micro").sizeBytes()).isEqualTo(model.length);
    }

    @Test
    void baseUrlPropertyWinsOverEnvironmentAndDefault() {
        Properties props = new Properties();
        assertThat(ModelDownloader.baseUrl(props, Map.of()))
                .isEqualTo("https://huggingface.co/ggerganov/whisper.cpp/resolve/main");
        assertThat(ModelDownloader.baseUrl(props, Map.of("STTBENCH_MODELS_URL", "http://mirror")))
                .isEqualTo("http://mirror");
        props.setProperty("sttbench.models.base-url", "http://prop");
        assertThat(ModelDownloader.baseUrl(props, Map.of("STTBENCH_MODELS_URL", "http://mirror")))
                .isEqualTo("http://prop");
        assertThat(downloader("/models/", sha1).urlFor("tiny").toString()).endsWith("/models/ggml-tiny.bin");
    }

    @Test
    void standardCatalogHasTheWhisperCppModelsWithSha1() {
        ModelCatalog c = ModelCatalog.standard();

        assertThat(c.names()).contains("tiny", "tiny.en", "base", "base.en", "small", "small.en", "medium",
                "medium.en", "large-v1", "large-v2", "large-v3", "large-v3-turbo", "tiny-q5_1", "base-q5_1",
                "small-q5_1", "medium-q5_0", "large-v3-q5_0", "large-v3-turbo-q5_0");
        assertThat(c.find("tiny").orElseThrow().sha1()).isEqualTo("bd577a113a864445d4c299885e0cb97d4ba92b5f");
        assertThat(c.entries()).allSatisfy(e -> {
            assertThat(e.sha1()).matches("[0-9a-f]{40}");
            assertThat(e.file()).isEqualTo("ggml-" + e.name() + ".bin");
            assertThat(e.approxSizeBytes()).isPositive();
        });
    }

    private List<Path> leftovers() {
        try (Stream<Path> s = Files.list(storeDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
