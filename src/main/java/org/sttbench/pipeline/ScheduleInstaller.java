package org.sttbench.pipeline;

import java.io.PrintStream;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.CronExpression;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the pipeline runs, makes one route per schedule from the {@code schedule} route template in
 * routes/schedule.camel.yaml, reports schedules left out and runs missed while sttbench was down, and
 * has Quartz's misfires reported instead of silently dropped.
 */
final class ScheduleInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleInstaller.class);
    static final String TEMPLATE = "schedule";
    static final String QUARTZ_GROUP = "sttbench";

    private final ScheduleService service;
    private final List<String> problems;
    private final PrintStream console;

    ScheduleInstaller(ScheduleService service, List<String> problems, PrintStream console) {
        this.service = service;
        this.problems = problems;
        this.console = console;
    }

    /** Called once the context runs, so the route template from the YAML routes exists. */
    void install(CamelContext context) throws Exception {
        for (String problem : problems) {
            LOG.error(problem);
            console.println(problem);
        }
        if (service.schedules().isEmpty()) {
            return;
        }
        for (Schedule s : service.schedules()) {
            context.addRouteFromTemplate("schedule-" + s.name(), TEMPLATE, Map.of(
                    "name", s.name(),
                    "cron", s.cron().replace(' ', '+'),
                    "timeZone", s.timeZone().getId()));
            console.printf("schedule %s: plan %s at '%s' (%s), next %s%n", s.name(), s.plan(), s.cron(),
                    s.timeZone().getId(), nextFire(s));
        }
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.getScheduler().getListenerManager().addTriggerListener(new MisfireListener(service),
                GroupMatcher.triggerGroupEquals(QUARTZ_GROUP));
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            for (Schedule s : service.schedules()) {
                if (service.checkMissedSinceLastStart(s.name())) {
                    producer.sendBodyAndHeader("direct:schedule", null, ScheduleService.HEADER, s.name());
                }
            }
        }
    }

    static Instant nextFire(Schedule s) {
        try {
            CronExpression cron = new CronExpression(s.cron());
            cron.setTimeZone(TimeZone.getTimeZone(s.timeZone()));
            Date next = cron.getNextValidTimeAfter(new Date());
            return next == null ? null : next.toInstant();
        } catch (ParseException e) {
            return null;
        }
    }

    /** Quartz tells trigger listeners about a misfire before it applies the trigger's misfire instruction. */
    static final class MisfireListener extends TriggerListenerSupport {
        private final ScheduleService service;

        MisfireListener(ScheduleService service) {
            this.service = service;
        }

        @Override
        public String getName() {
            return "sttbench-schedule-misfires";
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            Date due = trigger.getNextFireTime();
            service.misfired(trigger.getKey().getName(), due == null ? Instant.now() : due.toInstant());
        }
    }
}
