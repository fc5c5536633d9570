package org.sttbench.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What {@code sttbench run} adds when it serves: the schedules and the progress metrics. The
 * {@code schedules} bean ({@link PipelineBeans}) is always there (the schedule routes name it); it
 * only gets schedules in service mode ({@value PipelineApp#SERVICE} = true), so {@code run --once}, {@code bench} and
 * {@code demo} never fire one.
 */
public class OpsConfiguration implements CamelConfiguration {
    public static final String SCHEDULES_ENABLED = "sttbench.schedules.enabled";

    /** Whether this process serves ({@value PipelineApp#SERVICE}) and, if so, fires its schedules. */
    record Switches(boolean service, boolean schedules) {
    }

    @BindToRegistry(value = "opsSwitches", lazy = true)
    public Switches switches(@PropertyInject(value = PipelineApp.SERVICE, defaultValue = "false") boolean service,
                             @PropertyInject(value = SCHEDULES_ENABLED, defaultValue = "true") boolean schedules) {
        return new Switches(service, schedules);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        WhenStarted.register(context, OpsConfiguration::started);
    }

    /** Schedules (in service mode) and sttbench's meters, once the context runs. */
    private static void started(CamelContext c) throws Exception {
        var registry = c.getRegistry();
        ScheduleService schedules = registry.lookupByNameAndType("schedules", ScheduleService.class);
        PropertiesComponent properties = c.getPropertiesComponent();
        Switches switches = registry.lookupByNameAndType("opsSwitches", Switches.class);
        if (switches.service() && switches.schedules()) {
            ScheduleConfig.Result config = ScheduleConfig.parse(scheduleProperties(properties), System.getenv(),
                    ZoneId.systemDefault());
            schedules.use(config.schedules());
            new ScheduleInstaller(schedules, config.problems(), PipelineBeans.console(c)).install(c);
            c.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    schedules.stopped();
                }
            });
        }
        MeterRegistry meters = registry.findSingleByType(MeterRegistry.class);
        if (meters != null) {
            RunMetrics.bind(meters, c, registry.lookupByNameAndType("settings", Settings.class),
                    registry.lookupByNameAndType("outcomes", RunOutcomes.class),
                    registry.lookupByNameAndType("progress", RunProgress.class),
                    registry.lookupByNameAndType("inbox", InboxService.class), schedules);
        }
    }

    /** sttbench.schedule.* from application.properties, overrides and -D system properties. */
    static Map<String, String> scheduleProperties(PropertiesComponent properties) {
        Map<String, String> map = new TreeMap<>();
        // the filtered loadProperties(Predicate) leaves out override properties; filter here, resolve each key
        properties.loadProperties().stringPropertyNames().stream().filter(k -> k.startsWith(ScheduleConfig.PREFIX))
                .forEach(k -> properties.resolveProperty(k).ifPresent(v -> map.put(k, v)));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(ScheduleConfig.PREFIX)) {
                map.put(k.toString(), v.toString());
            }
        });
        return map;
    }
}
