package org.sttbench.analysis;

import java.util.List;

/**
 * Prices deployment options from per-core-hour and per-GiB-hour rates (a simple cloud pricing model:
 * what a pod reserves is what it pays for, busy or idle).
 */
public final class CostTable {
    /**
     * @param perCoreHour   price of one CPU core for one hour
     * @param perGibHour    price of one GiB of memory for one hour
     * @param hoursPerMonth hours billed per month (730 = 365 * 24 / 12)
     * @param currency      label only, e.g. USD
     */
    public record Prices(double perCoreHour, double perGibHour, double hoursPerMonth, String currency) {
        public static final double HOURS_PER_MONTH = 730;

        public Prices(double perCoreHour, double perGibHour) {
            this(perCoreHour, perGibHour, HOURS_PER_MONTH, "USD");
        }
    }

    /** A deployment option: pods x (cpus, memory) each. */
    public record Option(String name, int pods, double cpusPerPod, double memoryGibPerPod) {
    }

    public record OptionCost(String name, int pods, double cpusPerPod, double memoryGibPerPod, double totalCpus,
                             double hourlyCost, double monthlyCost, String currency) {
    }

    private final Prices prices;

    public CostTable(Prices prices) {
        if (prices == null) {
            throw new IllegalArgumentException("prices are required");
        }
        Checks.nonNegative(prices.perCoreHour(), "per_core_hour");
        Checks.nonNegative(prices.perGibHour(), "per_gib_hour");
        Checks.positive(prices.hoursPerMonth(), "hours_per_month");
        this.prices = prices;
    }

    /** One pod for one hour: cpus * core price + memory * GiB price. */
    public double podHourly(double cpusPerPod, double memoryGibPerPod) {
        Checks.nonNegative(cpusPerPod, "cpus per pod");
        Checks.nonNegative(memoryGibPerPod, "memory GiB per pod");
        return cpusPerPod * prices.perCoreHour() + memoryGibPerPod * prices.perGibHour();
    }

    public OptionCost cost(Option option) {
        if (option.pods() < 0) {
            throw new IllegalArgumentException("pods must be >= 0, got " + option.pods());
        }
        double hourly = option.pods() * podHourly(option.cpusPerPod(), option.memoryGibPerPod());
        return new OptionCost(option.name(), option.pods(), option.cpusPerPod(), option.memoryGibPerPod(),
                option.pods() * option.cpusPerPod(), hourly, hourly * prices.hoursPerMonth(), prices.currency());
    }

    public List<OptionCost> table(List<Option> options) {
        Checks.notEmpty(options, "cost options");
        return options.stream().map(this::cost).toList();
    }

    /**
     * Cost of transcribing 1000 minutes of audio on pods of this shape. One slot turns 1 / rtf minutes of
     * audio per minute, so a pod handles 60 * slots * utilization / rtf audio minutes per hour:
     * cost = pod_hourly * rtf * 1000 / (60 * slots * utilization).
     *
     * @param rtf         processing time / audio duration, measured at this pod shape
     * @param utilization fraction of the time the pod is busy (1.0 = always), since idle time is paid too
     */
    public double per1000AudioMinutes(double cpusPerPod, double memoryGibPerPod, double rtf, int slotsPerPod,
                                      double utilization) {
        Checks.positive(rtf, "rtf");
        Checks.openFraction(utilization, "utilization");
        if (slotsPerPod < 1) {
            throw new IllegalArgumentException("slots per pod must be >= 1, got " + slotsPerPod);
        }
        return podHourly(cpusPerPod, memoryGibPerPod) * rtf * 1000 / (60.0 * slotsPerPod * utilization);
    }

    public Prices prices() {
        return prices;
    }
}
