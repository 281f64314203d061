package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that leaves a thread weft started alive (carriers {@code weft-<scheduler>-<n>},
 * the reaper {@code weft-reaper}). Registered for every test by service loading
 * ({@code junit.jupiter.extensions.autodetection.enabled}). I1 says Kernel.run and close() return
 * only after every such thread has terminated, so no waiting is needed here.
 */
public final class NoLeakedThreadsExtension implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaked = WeftThreads.alive();
        assertThat(leaked).as("weft threads still alive after " + context.getDisplayName()).isEmpty();
    }
}
