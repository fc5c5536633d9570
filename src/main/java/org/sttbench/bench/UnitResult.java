package org.sttbench.bench;

import java.util.List;
import org.sttbench.host.HostEnvironment;
import org.sttbench.host.ResourceUsage;
import org.sttbench.models.ModelInfo;

/**
 * What {@code sttbench worker} prints: the unit's measurements and the conditions they were taken under.
 *
 * @param unit             the unit as run
 * @param status           ok or failed
 * @param error            one-line reason when failed
 * @param executor         local, docker or kubernetes (set by the executor that ran it)
 * @param environment      the worker's host, container and limits
 * @param whisperSystemInfo whisper.cpp's build flags
 * @param model            the model as loaded
 * @param threads          whisper.cpp threads
 * @param threadDerivation how the thread count was chosen
 * @param loadMs           model load time
 * @param measurements     one per clip
 * @param usage            CPU time over wall time for the measured part, and cgroup throttling
 * @param peakRssMb        peak resident memory of the worker
 * @param placement        the node it ran on, in a cluster; null elsewhere
 */
public record UnitResult(
        WorkUnit unit,
        String status,
        String error,
        String executor,
        HostEnvironment environment,
        String whisperSystemInfo,
        ModelInfo model,
        Integer threads,
        String threadDerivation,
        Double loadMs,
        List<Measurement> measurements,
        ResourceUsage.Delta usage,
        Double peakRssMb,
        Placement placement) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    /** A result that ran on no cluster node. */
    public UnitResult(WorkUnit unit, String status, String error, String executor, HostEnvironment environment,
                      String whisperSystemInfo, ModelInfo model, Integer threads, String threadDerivation, Double loadMs,
                      List<Measurement> measurements, ResourceUsage.Delta usage, Double peakRssMb) {
        this(unit, status, error, executor, environment, whisperSystemInfo, model, threads, threadDerivation, loadMs,
                measurements, usage, peakRssMb, null);
    }

    public static UnitResult failed(WorkUnit unit, String executor, String reason) {
        return new UnitResult(unit, FAILED, reason, executor, null, null, unit.model(), unit.threads(), null, null,
                List.of(), null, null);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    public UnitResult withExecutor(String name) {
        return new UnitResult(unit, status, error, name, environment, whisperSystemInfo, model, threads,
                threadDerivation, loadMs, measurements, usage, peakRssMb, placement);
    }

    public UnitResult withUnit(WorkUnit as) {
        return new UnitResult(as, status, error, executor, environment, whisperSystemInfo, model, threads,
                threadDerivation, loadMs, measurements, usage, peakRssMb, placement);
    }

    public UnitResult withPlacement(Placement where) {
        return new UnitResult(unit, status, error, executor, environment, whisperSystemInfo, model, threads,
                threadDerivation, loadMs, measurements, usage, peakRssMb, where);
    }
}
