package org.sttbench.pipeline;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The fire times of a schedule that passed while nobody was there to fire them: after the last instant
 * sttbench accounted for and up to now. Quartz keeps its triggers in memory, so it cannot know about
 * these itself.
 *
 * @param count the fire times missed (counting stops at {@link #LIMIT})
 * @param first the earliest missed fire time, null when none
 * @param last  the latest missed fire time, null when none
 */
public record MissedRuns(int count, Instant first, Instant last) {
    /** A per-second cron down for a week would otherwise be counted one by one. */
    static final int LIMIT = 10_000;

    public static MissedRuns between(Schedule schedule, Instant since, Instant now) {
        CronExpression cron;
        try {
            cron = new CronExpression(schedule.cron());
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid cron " + schedule.cron(), e);
        }
        cron.setTimeZone(TimeZone.getTimeZone(schedule.timeZone()));
        Instant first = null;
        Instant last = null;
        int count = 0;
        Date next = cron.getNextValidTimeAfter(Date.from(since));
        while (next != null && !next.toInstant().isAfter(now) && count < LIMIT) {
            Instant at = next.toInstant();
            if (first == null) {
                first = at;
            }
            last = at;
            count++;
            next = cron.getNextValidTimeAfter(next);
        }
        return new MissedRuns(count, first, last);
    }

    public boolean any() {
        return count > 0;
    }
}
