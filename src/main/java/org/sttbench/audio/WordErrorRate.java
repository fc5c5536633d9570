package org.sttbench.audio;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, from a word-level
 * Levenshtein alignment of normalized texts.
 *
 * <p>Normalization: Unicode NFC (so composed and decomposed Vietnamese diacritics compare equal), lower
 * case, apostrophes dropped inside words ("don't" = "dont"), every other punctuation mark replaced by a
 * space, whitespace collapsed. Letters with diacritics and digits are kept as they are.
 */
public final class WordErrorRate {
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02BC]");
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    /**
     * @param wer             (S + D + I) / N; can exceed 1 when the hypothesis adds many words. With an
     *                        empty reference it is 0 for an empty hypothesis and 1 otherwise.
     * @param referenceWords  N, words in the normalized reference
     * @param hypothesisWords words in the normalized hypothesis
     */
    public record Result(double wer, int substitutions, int deletions, int insertions, int referenceWords,
                         int hypothesisWords) {
        public int errors() {
            return substitutions + deletions + insertions;
        }

        /** Words of the reference recognised correctly. */
        public int hits() {
            return referenceWords - substitutions - deletions;
        }
    }

    private WordErrorRate() {
    }

    public static Result compute(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        return align(ref, hyp);
    }

    /** The normalized form used for comparison. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        s = APOSTROPHES.matcher(s).replaceAll("");
        s = PUNCTUATION.matcher(s).replaceAll(" ");
        s = WHITESPACE.matcher(s).replaceAll(" ").strip();
        // lower-casing can decompose (e.g. a dotted capital I); compose again
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    public static List<String> words(String text) {
        String n = normalize(text);
        return n.isEmpty() ? List.of() : Arrays.asList(n.split(" "));
    }

    /**
     * Minimum edit distance over words, keeping two rows of the table. Among alignments of equal cost the
     * one with the most substitutions is chosen (then fewest deletions), so the split into S, D and I is
     * deterministic.
     */
    static Result align(List<String> ref, List<String> hyp) {
        int n = ref.size(), m = hyp.size();
        int[] cost = new int[m + 1], subs = new int[m + 1], dels = new int[m + 1], ins = new int[m + 1];
        int[] pCost = new int[m + 1], pSubs = new int[m + 1], pDels = new int[m + 1], pIns = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            cost[j] = j;
            ins[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            int[] t;
            t = pCost; pCost = cost; cost = t;
            t = pSubs; pSubs = subs; subs = t;
            t = pDels; pDels = dels; dels = t;
            t = pIns; pIns = ins; ins = t;
            cost[0] = i; subs[0] = 0; dels[0] = i; ins[0] = 0;
            String r = ref.get(i - 1);
            for (int j = 1; j <= m; j++) {
                boolean same = r.equals(hyp.get(j - 1));
                // diagonal: match or substitution
                int best = pCost[j - 1] + (same ? 0 : 1);
                int bs = pSubs[j - 1] + (same ? 0 : 1), bd = pDels[j - 1], bi = pIns[j - 1];
                // up: reference word deleted
                int c = pCost[j] + 1;
                if (c < best || (c == best && better(pSubs[j], pDels[j] + 1, bs, bd))) {
                    best = c; bs = pSubs[j]; bd = pDels[j] + 1; bi = pIns[j];
                }
                // left: hypothesis word inserted
                c = cost[j - 1] + 1;
                if (c < best || (c == best && better(subs[j - 1], dels[j - 1], bs, bd))) {
                    best = c; bs = subs[j - 1]; bd = dels[j - 1]; bi = ins[j - 1] + 1;
                }
                cost[j] = best; subs[j] = bs; dels[j] = bd; ins[j] = bi;
            }
        }
        int s = subs[m], d = dels[m], in = ins[m];
        double wer = n == 0 ? (m == 0 ? 0.0 : 1.0) : (double) (s + d + in) / n;
        return new Result(wer, s, d, in, n, m);
    }

    private static boolean better(int subsA, int delsA, int subsB, int delsB) {
        return subsA > subsB || (subsA == subsB && delsA < delsB);
    }
}
