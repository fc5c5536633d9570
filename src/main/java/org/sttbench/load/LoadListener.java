package org.sttbench.load;

/** Progress callbacks for consoles and logs; every method may be called from request threads. */
public interface LoadListener {
    LoadListener NONE = new LoadListener() { };

    default void levelStarted(int concurrency, int requests) {
    }

    default void requestDone(RequestOutcome outcome) {
    }

    default void levelDone(LevelResult level) {
    }

    default void stageStarted(RateStage stage) {
    }

    default void stageDone(StageResult stage) {
    }
}
