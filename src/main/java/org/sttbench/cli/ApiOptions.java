package org.sttbench.cli;

import java.util.List;
import java.util.function.Function;
import org.sttbench.load.ApiDialect;
import org.sttbench.load.LoadSpec;
import picocli.CommandLine.Option;

/** How to talk to the service, for commands that drive one: the dialect and its form fields and headers. */
public final class ApiOptions {
    @Option(names = "--api", defaultValue = "openai", paramLabel = "API",
            description = "How to talk to the service: openai (POST /v1/audio/transcriptions), whispercpp "
                    + "(POST /inference) or custom (give --path). Default ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--path", paramLabel = "P", description = "Request path appended to base URLs (overrides the dialect's; required for custom).")
    String path;

    @Option(names = "--file-field", paramLabel = "NAME", description = "Name of the audio form part (default file).")
    String fileField;

    @Option(names = "--field", paramLabel = "K=V",
            description = "Extra form field, repeatable; a value may name an environment variable as ${VAR}.")
    List<String> fields;

    @Option(names = "--header", paramLabel = "'K: V'",
            description = "Extra request header, repeatable; a value may name an environment variable as ${VAR} "
                    + "(e.g. 'Authorization: Bearer ${OPENAI_API_KEY}'). Header values never appear in output.")
    List<String> headers;

    @Option(names = "--language", paramLabel = "L", description = "Form field language (default: server detects).")
    String language;

    @Option(names = "--model", paramLabel = "M", description = "Form field model (openai: default " + LoadSpec.DEFAULT_MODEL + ").")
    String model;

    /** The dialect, with every ${VAR} checked now so an unset one is bad input before anything is sent. */
    ApiDialect dialect(Function<String, String> env) {
        return dialect(env, "json");
    }

    /** The same, asking the service for the given response format. */
    ApiDialect dialect(Function<String, String> env, String responseFormat) {
        ApiDialect d = ApiDialect.parse(api, path, fileField, fields, headers, model, language, responseFormat);
        d.resolvedHeaders(env);
        d.resolvedFields(env);
        return d;
    }
}
