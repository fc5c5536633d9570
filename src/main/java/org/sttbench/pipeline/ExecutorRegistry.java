package org.sttbench.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sttbench.BadInputException;
import org.sttbench.exec.UnitExecutor;

/** The executors a plan can name, created on first use so an unused Docker or Kubernetes client costs nothing. */
public final class ExecutorRegistry {
    private final Map<String, Supplier<UnitExecutor>> factories = new LinkedHashMap<>();
    private final Map<String, UnitExecutor> created = new LinkedHashMap<>();

    public ExecutorRegistry register(String name, Supplier<UnitExecutor> factory) {
        factories.put(name, factory);
        return this;
    }

    public synchronized UnitExecutor get(String name) {
        if (!factories.containsKey(name)) {
            throw new BadInputException("unknown executor '" + name + "'; known: " + String.join(", ", factories.keySet()));
        }
        return created.computeIfAbsent(name, n -> factories.get(n).get());
    }
}
