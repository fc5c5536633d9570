package org.sttbench.pipeline;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Reads the schedules from the {@code sttbench.schedule.<name>.<key>} settings. Environment variables
 * ({@code STTBENCH_SCHEDULE_<NAME>_<KEY>}) override them and can declare a schedule on their own, which
 * is how a container gets one without a properties file. A schedule that cannot work (no plan, a cron
 * Quartz rejects, an unknown time zone) is reported as a problem and left out; the others still run.
 */
public final class ScheduleConfig {
    public static final String PREFIX = "sttbench.schedule.";
    static final String ENV_PREFIX = "STTBENCH_SCHEDULE_";
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "([A-Za-z0-9][A-Za-z0-9_-]*)\\.(cron|plan|enabled|time-zone|catch-up)");
    private static final Pattern ENV_KEY = Pattern.compile(ENV_PREFIX + "([A-Z0-9][A-Z0-9_]*?)_(CRON|PLAN|ENABLED|TIME_ZONE|CATCH_UP)");

    /**
     * @param schedules  the schedules that can run
     * @param problems   one line per schedule left out, naming the setting to fix
     */
    public record Result(List<Schedule> schedules, List<String> problems) {
    }

    private ScheduleConfig() {
    }

    /**
     * @param properties settings with keys starting {@value #PREFIX} (others are ignored)
     * @param env        environment variables; those starting {@value #ENV_PREFIX} override
     */
    public static Result parse(Map<String, String> properties, Map<String, String> env, ZoneId defaultZone) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        properties.forEach((key, value) -> {
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                byName.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), n -> new TreeMap<>()).put(m.group(2), value);
            }
        });
        // Camel maps sttbench.schedule.my-job.cron to STTBENCH_SCHEDULE_MY_JOB_CRON; map it back the same way
        env.forEach((key, value) -> {
            Matcher m = ENV_KEY.matcher(key);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
                String setting = m.group(2).toLowerCase(Locale.ROOT).replace('_', '-');
                String existing = byName.keySet().stream().filter(n -> n.replace('_', '-').equals(name)).findFirst()
                        .orElse(name);
                byName.computeIfAbsent(existing, n -> new TreeMap<>()).put(setting, value);
            }
        });
        List<Schedule> schedules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        byName.forEach((name, settings) -> {
            String key = PREFIX + name + ".";
            if (!Boolean.parseBoolean(settings.getOrDefault("enabled", "true").trim())) {
                return;
            }
            String cron = settings.getOrDefault("cron", "").trim();
            String plan = settings.getOrDefault("plan", "").trim();
            if (cron.isEmpty()) {
                problems.add("schedule " + name + ": no cron; set " + key + "cron (e.g. 0 0 2 * * ? for 02:00 every day)");
                return;
            }
            if (plan.isEmpty()) {
                problems.add("schedule " + name + ": no plan; set " + key + "plan to a file in the plans folder");
                return;
            }
            String cronProblem = cronProblem(cron);
            if (cronProblem != null) {
                problems.add("schedule " + name + ": invalid cron '" + cron + "' in " + key + "cron: " + cronProblem
                        + " (Quartz format: second minute hour day-of-month month day-of-week, e.g. 0 0 2 * * ?)");
                return;
            }
            ZoneId zone = defaultZone;
            String zoneText = settings.getOrDefault("time-zone", "").trim();
            if (!zoneText.isEmpty()) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (DateTimeException e) {
                    problems.add("schedule " + name + ": unknown time zone '" + zoneText + "' in " + key
                            + "time-zone (use a region such as Europe/Berlin or UTC)");
                    return;
                }
            }
            boolean catchUp = Boolean.parseBoolean(settings.getOrDefault("catch-up", "false").trim());
            schedules.add(new Schedule(name, cron.replaceAll("\\s+", " "), plan, zone, catchUp));
        });
        return new Result(List.copyOf(schedules), List.copyOf(problems));
    }

    /** Why Quartz rejects the expression, or null when it is valid. */
    static String cronProblem(String cron) {
        try {
            new CronExpression(cron.replaceAll("\\s+", " "));
            return null;
        } catch (ParseException e) {
            return e.getMessage();
        }
    }
}
