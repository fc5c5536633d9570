package org.sttbench.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What {@code sttbench run} adds when it serves: the schedules and the progress metrics. The
 * {@code schedules} bean is always bound (the schedule routes name it); it only has schedules in
 * service mode ({@value PipelineApp#SERVICE} = true), so {@code run --once}, {@code bench} and
 * {@code demo} never fire one.
 */
public class OpsConfiguration implements org.apache.camel.CamelConfiguration {
    public static final String SCHEDULES_ENABLED = "sttbench.schedules.enabled";
    static final String STATE_FILE = "schedules.properties";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        boolean service = flag(properties, PipelineApp.SERVICE, false);
        boolean schedulesOn = service && flag(properties, SCHEDULES_ENABLED, true);
        Settings settings = context.getRegistry().lookupByNameAndType("settings", Settings.class);
        PlanPreparer preparer = context.getRegistry().lookupByNameAndType("preparer", PlanPreparer.class);

        ScheduleConfig.Result config = schedulesOn
                ? ScheduleConfig.parse(scheduleProperties(properties), System.getenv(), ZoneId.systemDefault())
                : new ScheduleConfig.Result(List.of(), List.of());
        ScheduleService schedules = new ScheduleService(settings, preparer,
                new ScheduleState(settings.inbox().resolve(".state").resolve(STATE_FILE)), CamelConfiguration.console,
                Clock.systemUTC(), config.schedules());
        context.getRegistry().bind("schedules", schedules);
        if (schedulesOn) {
            context.addStartupListener(new ScheduleInstaller(schedules, config.problems(), CamelConfiguration.console));
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    schedules.stopped();
                }
            });
        }
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext c, boolean alreadyStarted) {
                // meters are bound once Camel's metrics registry exists: see below
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext c, boolean alreadyStarted) {
                MeterRegistry meters = c.getRegistry().findSingleByType(MeterRegistry.class);
                if (meters != null) {
                    var registry = c.getRegistry();
                    RunMetrics.bind(meters, c, settings, registry.lookupByNameAndType("outcomes", RunOutcomes.class),
                            registry.lookupByNameAndType("progress", RunProgress.class),
                            registry.lookupByNameAndType("inbox", InboxService.class), schedules);
                }
            }
        });
    }

    /** sttbench.schedule.* from application.properties, overrides and -D system properties. */
    static Map<String, String> scheduleProperties(PropertiesComponent properties) {
        Map<String, String> map = new TreeMap<>();
        properties.loadProperties(k -> k.startsWith(ScheduleConfig.PREFIX))
                .forEach((k, v) -> map.put(k.toString(), v.toString()));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(ScheduleConfig.PREFIX)) {
                map.put(k.toString(), v.toString());
            }
        });
        return map;
    }

    private static boolean flag(PropertiesComponent properties, String key, boolean fallback) {
        return properties.resolveProperty(key).map(v -> Boolean.parseBoolean(v.trim())).orElse(fallback);
    }
}
