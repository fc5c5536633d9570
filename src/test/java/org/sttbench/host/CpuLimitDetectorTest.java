package org.sttbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake /proc and /sys trees for the layouts a worker meets: bare host, cgroup v1 and v2 containers. */
class CpuLimitDetectorTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void cgroupV1QuotaInsideADockerContainer() throws IOException {
        write("proc/self/cgroup", "4:cpu,cpuacct:/docker/abc\n3:cpuset:/docker/abc\n0::/\n");
        // docker mounts the container's own group at the root of the controller
        write("proc/self/mountinfo", "30 25 0:26 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
                + "31 25 0:27 /docker/abc /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset\n");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "50000\n");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        write("sys/fs/cgroup/cpuset/cpuset.cpus", "0-3\n");
        write("proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-3\n");
        write("sys/devices/system/cpu/online", "0-7\n");

        CpuLimit limit = new CpuLimitDetector(root, 8).detect();
        assertThat(limit.cpus()).isEqualTo(0.5);
        assertThat(limit.source()).isEqualTo("cgroup-v1-quota");
        assertThat(limit.recommendedThreads()).isEqualTo(1);
        assertThat(limit.derivation()).contains("50000/100000").contains("cpuset 0-3 = 4");
    }

    @Test
    void cgroupV2CpuMaxInANestedGroup() throws IOException {
        write("proc/self/cgroup", "0::/kubepods/pod1/ctr\n");
        write("proc/self/mountinfo", "40 30 0:30 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        write("sys/fs/cgroup/kubepods/pod1/ctr/cgroup.controllers", "cpu cpuset memory\n");
        write("sys/fs/cgroup/kubepods/pod1/ctr/cpu.max", "250000 100000\n");
        write("sys/fs/cgroup/kubepods/pod1/ctr/cpuset.cpus.effective", "0-7\n");

        CpuLimit limit = new CpuLimitDetector(root, 8).detect();
        assertThat(limit.cpus()).isEqualTo(2.5);
        assertThat(limit.source()).isEqualTo("cgroup-v2-quota");
        assertThat(limit.recommendedThreads()).isEqualTo(3);
    }

    @Test
    void unlimitedV2QuotaFallsBackToAffinity() throws IOException {
        write("proc/self/cgroup", "0::/\n");
        write("proc/self/mountinfo", "40 30 0:30 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        write("sys/fs/cgroup/cgroup.controllers", "cpu\n");
        write("sys/fs/cgroup/cpu.max", "max 100000\n");
        write("proc/self/status", "Cpus_allowed_list:\t0,2\n");

        CpuLimit limit = new CpuLimitDetector(root, 4).detect();
        assertThat(limit.cpus()).isEqualTo(2);
        assertThat(limit.source()).isEqualTo("affinity");
    }

    @Test
    void noProcAtAllMeansTheHostSize() {
        CpuLimit limit = new CpuLimitDetector(root, 6).detect();
        assertThat(limit.cpus()).isEqualTo(6);
        assertThat(limit.limited()).isFalse();
    }

    @Test
    void cpuListsAreCounted() {
        assertThat(CpuLimitDetector.countCpuList("0-3,8,10-11")).isEqualTo(7);
        assertThat(CpuLimitDetector.countCpuList("5")).isEqualTo(1);
        assertThat(CpuLimitDetector.countCpuList("garbage")).isZero();
    }
}
