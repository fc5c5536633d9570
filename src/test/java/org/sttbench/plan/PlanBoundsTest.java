package org.sttbench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plan file may be before it is parsed: its size, its encoding, its keys, its aliases. */
class PlanBoundsTest {
    @TempDir
    Path dir;

    private static final String GOOD = "name: ok\nmodel: tiny\naudio: [a.wav]\nsuites: { audio: {} }\n";

    @Test
    void aPlanLargerThanTheLimitIsRefusedUnread() throws Exception {
        // one huge quoted string once took minutes and gigabytes to reject
        Path plan = dir.resolve("huge.plan.yaml");
        Files.writeString(plan, "name: huge\ndescription: \"" + "x".repeat(3 << 20) + "\"\n");

        InvalidPlanException e = catchThrowableOfType(() -> new PlanLoader().load(plan), InvalidPlanException.class);

        assertThat(e.getMessage()).contains("huge.plan.yaml").contains("bytes; a plan may have at most 2097152");
    }

    @Test
    void duplicateKeysAreAnErrorNotTheLastOneWinning() {
        InvalidPlanException yaml = catchThrowableOfType(
                () -> new PlanLoader().parse(GOOD + "model: base\n", "dup.plan.yaml"), InvalidPlanException.class);
        assertThat(yaml.getMessage()).contains("Duplicate field 'model'");

        InvalidPlanException json = catchThrowableOfType(() -> new PlanLoader().parse(
                "{\"name\": \"a\", \"name\": \"b\", \"suites\": {}}", "dup.plan.json"), InvalidPlanException.class);
        assertThat(json.getMessage()).contains("Duplicate field 'name'");
    }

    @Test
    void aliasesAreNotExpandedIntoAHugeDocument() {
        // nine levels of nine aliases: expanded, a billion-laughs document; the parser keeps them as references
        StringBuilder bomb = new StringBuilder("name: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            bomb.append(("*" + prev + ", ").repeat(8)).append("*").append(prev).append("]\n");
        }
        bomb.append("suites: {}\n");

        InvalidPlanException e = catchThrowableOfType(() -> new PlanLoader().parse(bomb.toString(), "bomb.plan.yaml"),
                InvalidPlanException.class);

        assertThat(e.getMessage()).contains("property 'j' is not defined");
    }

    @Test
    void textGivenDirectlyIsBoundByTheCodePointLimit() {
        InvalidPlanException e = catchThrowableOfType(() -> new PlanLoader(1024).parse(
                "name: long\ndescription: \"" + "y".repeat(4096) + "\"\nsuites: {}\n", "long.plan.yaml"),
                InvalidPlanException.class);

        assertThat(e.getMessage()).contains("malformed YAML").contains("exceeds the limit: 1024 code points");
    }

    @Test
    void otherEncodingsAreNamed() throws Exception {
        Path utf16 = dir.resolve("wide.plan.yaml");
        Files.write(utf16, withPrefix(GOOD.getBytes(StandardCharsets.UTF_16LE), 0xFF, 0xFE));
        assertThat(catchThrowableOfType(() -> new PlanLoader().load(utf16), InvalidPlanException.class).getMessage())
                .contains("the file is UTF-16LE").contains("save it as UTF-8").doesNotContain("Input length");

        Path latin1 = dir.resolve("latin.plan.yaml");
        Files.write(latin1, "name: caf\u00e9\nsuites: {}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(catchThrowableOfType(() -> new PlanLoader().load(latin1), InvalidPlanException.class).getMessage())
                .contains("not UTF-8: byte 0xE9 at offset 9");

        Path wav = dir.resolve("clip.plan.yaml");
        Files.copy(Path.of("test_audio/en_5s.wav"), wav);
        assertThat(catchThrowableOfType(() -> new PlanLoader().load(wav), InvalidPlanException.class).getMessage())
                .contains("looks like a WAV file").doesNotContain("Input length");
    }

    @Test
    void aFolderIsNotAPlan() {
        assertThat(catchThrowableOfType(() -> new PlanLoader().load(dir), InvalidPlanException.class).getMessage())
                .contains("is a folder");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        Path plan = dir.resolve("bom.plan.yaml");
        Files.write(plan, withPrefix(GOOD.getBytes(StandardCharsets.UTF_8), 0xEF, 0xBB, 0xBF));
        assertThat(new PlanLoader().load(plan).name()).isEqualTo("ok");
    }

    /** The text's bytes after a byte-order mark. */
    private static byte[] withPrefix(byte[] body, int... mark) {
        byte[] out = new byte[mark.length + body.length];
        for (int i = 0; i < mark.length; i++) {
            out[i] = (byte) mark[i];
        }
        System.arraycopy(body, 0, out, mark.length, body.length);
        return out;
    }
}
