package org.sttbench.capacity;

import java.time.Duration;

/**
 * Offers one arrival rate to the target for at most {@code budget} and says what came back. The search
 * only talks to this, so its logic is tested with scripted probes and runs over any open-model driver.
 */
public interface RateProbe {
    StepMeasurement measure(double rate, Duration budget);

    /** The shortest step the probe can run at this rate (enough windows to judge stability). */
    Duration minimumStep(double rate);
}
