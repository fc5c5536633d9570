package org.sttbench.cli;

import java.util.List;
import org.sttbench.load.ApiDialect;
import picocli.CommandLine.Option;

/** How to talk to the service, for commands that drive one: the dialect and its form fields and headers. */
public final class ApiOptions {
    @Option(names = "--api", defaultValue = "openai", paramLabel = "API",
            description = "openai (POST /v1/audio/transcriptions), whispercpp (POST /inference) or custom "
                    + "(give --path). Default ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--path", paramLabel = "P", description = "Request path appended to base URLs.")
    String path;

    @Option(names = "--file-field", paramLabel = "NAME", description = "Name of the audio form part (default file).")
    String fileField;

    @Option(names = "--field", paramLabel = "K=V",
            description = "Extra form field, repeatable; a value may name an environment variable as ${VAR}.")
    List<String> fields;

    @Option(names = "--header", paramLabel = "'K: V'",
            description = "Extra request header, repeatable; ${VAR} is read from the environment. Header values "
                    + "never appear in output.")
    List<String> headers;

    @Option(names = "--language", paramLabel = "L", description = "Form field language (default: server detects).")
    String language;

    @Option(names = "--model", paramLabel = "M", description = "Form field model (openai: default whisper-1).")
    String model;

    /** The dialect, with every ${VAR} checked now so an unset one is bad input before anything is sent. */
    ApiDialect dialect(java.util.function.Function<String, String> env) {
        ApiDialect d = ApiDialect.parse(api, path, fileField, fields, headers, model, language, "json");
        d.resolvedHeaders(env);
        d.resolvedFields(env);
        return d;
    }
}
