package org.sttbench.service;

import org.sttbench.plan.Plan;

/** The plan's {@code api:} block read with each dialect's defaults. */
public record ServiceApi(String dialect, String path) {
    public static ServiceApi of(Plan.Api api) {
        String dialect = api == null || api.dialect() == null ? "openai" : api.dialect();
        String path = api != null && api.path() != null ? api.path()
                : dialect.equals("whispercpp") ? "/inference" : "/v1/audio/transcriptions";
        return new ServiceApi(dialect, path);
    }
}
