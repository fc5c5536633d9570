package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.results.RunResult;

/** The generated manifests are valid Kubernetes objects and carry the sized numbers. */
class K8sManifestsTest {
    @TempDir
    Path dir;

    private ReportInput render(String fixture) throws Exception {
        RunResult run = Fixtures.load(fixture);
        Reports reports = new Reports(Path.of("templates"), ReportOptions.defaults().withGeneratedAt(GoldenReportsTest.GENERATED_AT));
        ReportInput input = ReportInput.of(run, reports.options());
        reports.renderK8s(input, dir);
        return input;
    }

    @Test
    void deploymentRequestsEqualLimitsSizedFromTheMeasurements() throws Exception {
        ReportInput input = render("nightly-docker");
        Deployment deployment = Serialization.unmarshal(Files.readString(dir.resolve("k8s/deployment.yaml")), Deployment.class);
        ResourceRequirements resources = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests()).isEqualTo(resources.getLimits());
        ScalingStrategy s = input.strategy();
        assertThat(Quantity.getAmountInBytes(resources.getLimits().get("cpu")).doubleValue()).isEqualTo(s.pod().cpus());
        assertThat(resources.getLimits().get("cpu")).isEqualTo(new Quantity("4"));
        // peak RSS 299 MB / 0.7 = 427 MB, rounded up to 448 MiB; and memory always covers the measured peak
        assertThat(resources.getLimits().get("memory")).isEqualTo(new Quantity("448Mi"));
        assertThat(448.0).isGreaterThanOrEqualTo(s.pod().peakRssMb());
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(s.sizing().pods());
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("4"));
        String text = Files.readString(dir.resolve("k8s/deployment.yaml"));
        assertThat(text).contains("# peak RSS 299 MB / 0.7").contains("# CPU scaling: MODERATE recommends 4 CPUs");
    }

    @Test
    void fractionalCpusBecomeMillicores() {
        assertThat(K8sValues.cpuQuantity(2.5)).isEqualTo("2500m");
        assertThat(K8sValues.cpuQuantity(2)).isEqualTo("2");
        assertThat(K8sValues.cpuQuantity(0.25)).isEqualTo("250m");
    }

    @Test
    void hpaIsAutoscalingV2WithSizedBoundsAndAsymmetricBehavior() throws Exception {
        ReportInput input = render("nightly-docker");
        HorizontalPodAutoscaler hpa = Serialization.unmarshal(Files.readString(dir.resolve("k8s/hpa.yaml")),
                HorizontalPodAutoscaler.class);
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("stt-tiny");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(input.strategy().replicas().min());
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(input.strategy().replicas().max());
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(input.strategy().sizing().pods());
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        var behavior = hpa.getSpec().getBehavior();
        assertThat(behavior).isNotNull();
        assertThat(behavior.getScaleUp().getStabilizationWindowSeconds()).isZero();
        assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
        assertThat(behavior.getScaleUp().getPolicies()).isNotEmpty();
        assertThat(behavior.getScaleDown().getPolicies()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertThresholdsComeFromTheSla() throws Exception {
        render("nightly-docker");
        GenericKubernetesResource rule = Serialization.unmarshal(Files.readString(dir.resolve("k8s/prometheus-rules.yaml")),
                GenericKubernetesResource.class);
        assertThat(rule.getKind()).isEqualTo("PrometheusRule");
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.getAdditionalProperties()
                .get("spec")).get("groups");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) groups.get(0).get("rules");
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Pattern last = Pattern.compile(">\\s*([0-9.]+)\\s*$");
        for (Map<String, Object> r : rules) {
            Matcher m = last.matcher((String) r.get("expr"));
            assertThat(m.find()).as(r.get("alert") + " ends in a threshold").isTrue();
            thresholds.put((String) r.get("alert"), Double.parseDouble(m.group(1)));
        }
        // the plan's sla: p95 2000 ms, max_rtf 0.5, max_error_rate 0.01; CPU: HPA target 70% + 15 points
        assertThat(thresholds).containsEntry("SttLatencyP95OverSla", 2.0).containsEntry("SttRtfOverMax", 0.5)
                .containsEntry("SttErrorRate", 0.01).containsEntry("SttCpuHigh", 0.85);
    }

    @Test
    void noHpaWithoutATargetAndNoManifestsWithoutLatency() throws Exception {
        render("audio-local");
        assertThat(dir.resolve("k8s")).doesNotExist();
        RunResult run = Fixtures.load("arm-small");
        assertThat(ReportInput.of(run, ReportOptions.defaults()).strategy().replicas()).isNotNull();
    }
}
