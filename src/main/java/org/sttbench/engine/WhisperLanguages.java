package org.sttbench.engine;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sttbench.BadInputException;

/**
 * The language codes Whisper models are trained on, plus {@code auto} (detect). whisper.cpp treats a
 * code it does not know as a failure of the whole transcription deep in native code; checking the code
 * first gives a one-line error that names the option.
 */
public final class WhisperLanguages {
    public static final String AUTO = "auto";
    private static final List<String> CODES = List.of(
            "en", "zh", "de", "es", "ru", "ko", "fr", "ja", "pt", "tr", "pl", "ca", "nl", "ar", "sv", "it", "id", "hi",
            "fi", "vi", "he", "uk", "el", "ms", "cs", "ro", "da", "hu", "ta", "no", "th", "ur", "hr", "bg", "lt", "la",
            "mi", "ml", "cy", "sk", "te", "fa", "lv", "bn", "sr", "az", "sl", "kn", "et", "mk", "br", "eu", "is", "hy",
            "ne", "mn", "bs", "kk", "sq", "sw", "gl", "mr", "pa", "si", "km", "sn", "yo", "so", "af", "oc", "ka", "be",
            "tg", "sd", "gu", "am", "yi", "lo", "uz", "fo", "ht", "ps", "tk", "nn", "mt", "sa", "lb", "my", "bo", "tl",
            "mg", "as", "tt", "haw", "ln", "ha", "ba", "jw", "su", "yue");
    private static final Set<String> KNOWN = Set.copyOf(CODES);

    private WhisperLanguages() {
    }

    public static boolean known(String code) {
        return code != null && (AUTO.equals(code) || KNOWN.contains(code.toLowerCase(Locale.ROOT)));
    }

    /** Throws a BadInputException naming {@code what} (an option, a form field) when the code is not known. */
    public static void check(String code, String what) {
        if (code != null && !known(code)) {
            throw new BadInputException(what + " '" + code + "' is not a language Whisper knows; use auto or one of "
                    + String.join(", ", CODES));
        }
    }
}
