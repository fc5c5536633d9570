package org.sttbench.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {
    @Test
    void identicalTextsHaveNoErrors() {
        WordErrorRate.Result r = WordErrorRate.compute("the cat sat down", "the cat sat down");
        assertThat(r).isEqualTo(new WordErrorRate.Result(0.0, 0, 0, 0, 4, 4));
        assertThat(r.hits()).isEqualTo(4);
    }

    @Test
    void oneSubstitutionInFourWords() {
        WordErrorRate.Result r = WordErrorRate.compute("the cat sat down", "the bat sat down");
        assertThat(r.wer()).isEqualTo(0.25);
        assertThat(r.substitutions()).isEqualTo(1);
        assertThat(r.deletions() + r.insertions()).isZero();
    }

    @Test
    void deletionAndInsertion() {
        // "quick" deleted, "very" inserted: 2 errors in 5 reference words
        WordErrorRate.Result r = WordErrorRate.compute("a quick brown fox jumps", "a brown fox jumps very");
        assertThat(r.deletions()).isEqualTo(1);
        assertThat(r.insertions()).isEqualTo(1);
        assertThat(r.substitutions()).isZero();
        assertThat(r.wer()).isEqualTo(0.4);
    }

    @Test
    void insertionsCanPushWerAboveOne() {
        WordErrorRate.Result r = WordErrorRate.compute("hello", "hello hello there my friend");
        assertThat(r.insertions()).isEqualTo(4);
        assertThat(r.wer()).isEqualTo(4.0);
        assertThat(WordErrorRate.compute("one two", "three four five six").wer()).isEqualTo(2.0);
    }

    @Test
    void everythingDeleted() {
        WordErrorRate.Result r = WordErrorRate.compute("nothing was heard", "");
        assertThat(r).isEqualTo(new WordErrorRate.Result(1.0, 0, 3, 0, 3, 0));
    }

    @Test
    void emptyReference() {
        assertThat(WordErrorRate.compute("", "").wer()).isZero();
        assertThat(WordErrorRate.compute("  ...  ", null).wer()).isZero();
        WordErrorRate.Result r = WordErrorRate.compute("", "some words");
        assertThat(r.wer()).isEqualTo(1.0);
        assertThat(r.insertions()).isEqualTo(2);
        assertThat(r.referenceWords()).isZero();
    }

    @Test
    void caseAndPunctuationAndSpacingDoNotCount() {
        WordErrorRate.Result r = WordErrorRate.compute("Hello, world! It's a fine-tuned   model.",
                "hello world its a fine tuned model");
        assertThat(r.wer()).isZero();
        assertThat(r.referenceWords()).isEqualTo(7);
    }

    @Test
    void vietnameseDiacriticsAreKeptAndComparedComposed() {
        String ref = "Hôm nay trời nắng nhẹ, chiều tối có thể có mưa rào.";
        String decomposed = Normalizer.normalize("hôm nay trời nắng nhẹ chiều tối có thể có mưa rào", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(Normalizer.normalize(decomposed, Normalizer.Form.NFC));
        assertThat(WordErrorRate.compute(ref, decomposed).wer()).isZero();
        assertThat(WordErrorRate.compute(ref, "HÔM NAY TRỜI NẮNG NHẸ CHIỀU TỐI CÓ THỂ CÓ MƯA RÀO").wer()).isZero();
        // a missing tone mark is a different word: nắng (sunny) vs nang
        WordErrorRate.Result r = WordErrorRate.compute(ref, "hôm nay trời nang nhẹ chiều tối có thể có mưa rào");
        assertThat(r.substitutions()).isEqualTo(1);
        assertThat(r.wer()).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(WordErrorRate.normalize("Đà Nẵng, Việt Nam!")).isEqualTo("đà nẵng việt nam");
    }

    @Test
    void longTextsAlignWithoutATable() {
        StringBuilder ref = new StringBuilder(), hyp = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            ref.append("w").append(i).append(' ');
            hyp.append(i % 10 == 0 ? "x" : "w" + i).append(' ');  // every tenth word wrong
        }
        WordErrorRate.Result r = WordErrorRate.compute(ref.toString(), hyp.toString());
        assertThat(r.substitutions()).isEqualTo(500);
        assertThat(r.wer()).isEqualTo(0.1);
    }
}
