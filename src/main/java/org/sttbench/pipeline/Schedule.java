package org.sttbench.pipeline;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * A plan run on a cron schedule while {@code sttbench run} serves.
 *
 * @param name     the key in {@code sttbench.schedule.<name>.*}; names the route, the log lines and metrics
 * @param cron     Quartz cron: second minute hour day-of-month month day-of-week [year]
 * @param plan     the plan file as configured: a name in the plans folder or a path
 * @param timeZone the zone the cron is read in
 * @param catchUp  run once at start when fire times passed while sttbench was not running
 */
public record Schedule(String name, String cron, String plan, ZoneId timeZone, boolean catchUp) {

    /** The plan file: a bare name is looked up in the plans folder, a path is used as it is. */
    public Path planFile(Path plansDir) {
        Path given = Path.of(plan);
        if (given.isAbsolute() || given.getNameCount() > 1) {
            return given.toAbsolutePath().normalize();
        }
        return plansDir.resolve(given).toAbsolutePath().normalize();
    }
}
