package org.sttbench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sttbench.BadInputException;

/**
 * How to talk to a transcription service: the path a base URL is completed with, the name of the form
 * part that carries the audio, the other form fields, and extra headers.
 *
 * <p>Header values (and any field value taken from the environment) may be credentials. They are held
 * as templates in which {@code ${VAR}} names an environment variable, resolved only when a client is
 * built, and never leave this class except on the wire: {@link #toString()}, {@link #describe()} and
 * every error message name the header or the variable, never a value.
 *
 * @param name      {@code openai}, {@code whispercpp} or {@code custom}
 * @param path      request path appended to a base URL, starting with '/'
 * @param fileField name of the multipart part that carries the audio
 * @param fields    further form fields, in the order they are sent; values may be {@code ${VAR}} templates
 * @param headers   extra request headers, name to value template
 */
public record ApiDialect(String name, String path, String fileField, Map<String, String> fields,
                         Map<String, String> headers) {
    public static final String OPENAI = "openai";
    public static final String WHISPERCPP = "whispercpp";
    public static final String CUSTOM = "custom";
    public static final String OPENAI_PATH = "/v1/audio/transcriptions";
    public static final String WHISPERCPP_PATH = "/inference";

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the client sets itself; letting a user set them would corrupt the request framing. */
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host",
            "transfer-encoding", "connection", "expect", "upgrade");

    public ApiDialect {
        if (path == null || !path.startsWith("/")) {
            throw new BadInputException("bad API path '" + path + "': it must start with '/' (e.g. /inference)");
        }
        if (fileField == null || !TOKEN.matcher(fileField).matches()) {
            throw new BadInputException("bad file field name '" + fileField + "'");
        }
        // insertion order is kept: some services read the fields in the order they arrive
        fields = fields == null || fields.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        headers = headers == null || headers.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        for (String header : headers.keySet()) {
            if (!TOKEN.matcher(header).matches() || RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
                throw new BadInputException("header '" + header + "' cannot be set: "
                        + (RESERVED.contains(header.toLowerCase(Locale.ROOT)) ? "the client sets it itself"
                        : "not a valid header name"));
            }
        }
    }

    /** OpenAI's {@code POST /v1/audio/transcriptions}: file, model, response_format and, when set, language. */
    public static ApiDialect openai(String model, String language, String responseFormat) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", model == null ? LoadSpec.DEFAULT_MODEL : model);
        f.put("response_format", responseFormat == null ? "json" : responseFormat);
        if (language != null && !language.isBlank()) {
            f.put("language", language);
        }
        return new ApiDialect(OPENAI, OPENAI_PATH, "file", f, Map.of());
    }

    /**
     * whisper.cpp's own server, {@code POST /inference}: file, response_format, temperature (0, so no
     * temperature fallback unless the server is started with one) and, when set, language. It has no
     * model field: the server runs the model it was started with.
     */
    public static ApiDialect whispercpp(String language, String responseFormat) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("response_format", responseFormat == null ? "json" : responseFormat);
        f.put("temperature", "0.0");
        if (language != null && !language.isBlank()) {
            f.put("language", language);
        }
        return new ApiDialect(WHISPERCPP, WHISPERCPP_PATH, "file", f, Map.of());
    }

    /** A service of one's own: its path and file field; fields and headers are added with the with-methods. */
    public static ApiDialect custom(String path, String fileField) {
        return new ApiDialect(CUSTOM, path, fileField == null ? "file" : fileField, Map.of(), Map.of());
    }

    /**
     * Builds a dialect from command-line style input.
     *
     * @param api       openai (default), whispercpp or custom
     * @param path      overrides the dialect's path; required for custom
     * @param fieldArgs {@code k=v} form fields, added to (or replacing) the dialect's own
     * @param headerArgs {@code 'Name: value'} headers
     */
    public static ApiDialect parse(String api, String path, String fileField, List<String> fieldArgs,
                                   List<String> headerArgs, String model, String language, String responseFormat) {
        String kind = api == null ? OPENAI : api.trim().toLowerCase(Locale.ROOT);
        ApiDialect base = switch (kind) {
            case OPENAI -> openai(model, language, responseFormat);
            case WHISPERCPP -> {
                if (model != null) {
                    throw new BadInputException("whisper.cpp's server has no model field (it runs the model it "
                            + "was started with): drop --model, or send one anyway with --field model=" + model);
                }
                yield whispercpp(language, responseFormat);
            }
            case CUSTOM -> {
                if (path == null || path.isBlank()) {
                    throw new BadInputException("--api custom needs --path (the request path, e.g. /transcribe)");
                }
                ApiDialect c = custom(path.trim(), fileField);
                Map<String, String> f = new LinkedHashMap<>();
                if (model != null) {
                    f.put("model", model);
                }
                if (language != null && !language.isBlank()) {
                    f.put("language", language);
                }
                yield c.withFields(f);
            }
            default -> throw new BadInputException("unknown --api '" + api + "': use openai, whispercpp or custom");
        };
        if (path != null && !path.isBlank() && !kind.equals(CUSTOM)) {
            base = new ApiDialect(base.name, path.trim(), base.fileField, base.fields, base.headers);
        }
        if (fileField != null && !kind.equals(CUSTOM)) {
            base = new ApiDialect(base.name, base.path, fileField, base.fields, base.headers);
        }
        return base.withFields(keyValues(fieldArgs, "=", "--field", "k=v, e.g. --field temperature=0"))
                .withHeaders(keyValues(headerArgs, ":", "--header", "'Name: value'"));
    }

    private static Map<String, String> keyValues(List<String> args, String sep, String option, String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null) {
            return out;
        }
        for (String arg : args) {
            int i = arg == null ? -1 : arg.indexOf(sep);
            if (i <= 0) {
                // a header's value may be a secret: name only the part before the separator, if any
                throw new BadInputException("bad " + option + ": expected " + form);
            }
            String key = arg.substring(0, i).trim();
            if (key.isEmpty()) {
                throw new BadInputException("bad " + option + ": expected " + form);
            }
            out.put(key, arg.substring(i + 1).trim());
        }
        return out;
    }

    public ApiDialect withFields(Map<String, String> more) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        more.forEach((k, v) -> {
            if (k.equals(fileField)) {
                throw new BadInputException("field '" + k + "' is the audio part; it cannot also be a form field");
            }
            f.put(k, v);
        });
        return new ApiDialect(name, path, fileField, f, headers);
    }

    public ApiDialect withHeaders(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putAll(more);
        return new ApiDialect(name, path, fileField, fields, h);
    }

    /** Header values with {@code ${VAR}} filled from the environment; an unset variable is bad input. */
    public Map<String, String> resolvedHeaders(Function<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, resolve("header " + k, v, env)));
        return out;
    }

    /** Form fields with {@code ${VAR}} filled from the environment. */
    public Map<String, String> resolvedFields(Function<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, resolve("field " + k, v, env)));
        return out;
    }

    private static String resolve(String what, String template, Function<String, String> env) {
        Matcher m = VAR.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) {
                throw new BadInputException(what + " names environment variable " + m.group(1)
                        + ", which is not set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        String value = sb.toString();
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new BadInputException(what + " has a line break in its value");
        }
        return value;
    }

    /**
     * What results may say about the dialect: its name, path, file field, the fields whose values are
     * written literally (those taken from the environment are shown as their template) and the names of
     * the headers, never their values.
     */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("api", name);
        d.put("path", path);
        d.put("file_field", fileField);
        d.put("fields", fields);
        d.put("header_names", new ArrayList<>(new TreeSet<>(headers.keySet())));
        return d;
    }

    @Override
    public String toString() {
        return "ApiDialect" + describe();
    }
}
