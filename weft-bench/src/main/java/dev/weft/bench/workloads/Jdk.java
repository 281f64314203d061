package dev.weft.bench.workloads;

import dev.weft.TaskBody;

/** Small helpers for the JDK-virtual-thread variants. */
final class Jdk {
    private Jdk() {
    }

    /** Runs {@code body} on a new virtual thread (default scheduler) and returns its value. */
    static <T> T call(TaskBody<T> body) throws Exception {
        Object[] out = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                out[0] = body.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        t.join();
        if (thrown[0] != null) {
            throw rethrow(thrown[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) out[0];
        return value;
    }

    /** @return {@code t} as an Exception to throw (Errors are thrown from here) */
    static Exception rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (Exception) t;
    }
}
