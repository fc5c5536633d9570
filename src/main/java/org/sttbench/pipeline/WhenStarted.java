package org.sttbench.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

/**
 * Runs an action once the Camel context is fully started: only then are the override properties (the
 * command line's folders and flags) all in place and the routes able to take messages.
 */
final class WhenStarted {
    /** What to do once the context runs. */
    @FunctionalInterface
    interface Action {
        void run(CamelContext context) throws Exception;
    }

    private WhenStarted() {
    }

    static void register(CamelContext context, Action action) throws Exception {
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext c, boolean alreadyStarted) {
                // too early: see the class comment
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext c, boolean alreadyStarted) throws Exception {
                action.run(c);
            }
        });
    }
}
