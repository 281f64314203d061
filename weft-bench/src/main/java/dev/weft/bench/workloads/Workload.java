package dev.weft.bench.workloads;

import java.util.Optional;

/**
 * One benchmark workload, able to run on every {@link RuntimeId} it supports. The {@code weft
 * bench} runner calls {@link #measure}; the JMH benchmarks call the workload's own
 * {@code execute} methods and let JMH do the timing. Nothing here asserts on speed: a workload
 * throws only when its result is wrong (a broken runtime, not a slow one).
 */
public interface Workload {
    /** @return the stable id ({@code skynet}, {@code ring}, ...), part of the JSON schema */
    String id();

    /** @return what {@link #measure} returns */
    Unit unit();

    /** @return one line: what one run does and what one operation is */
    String description();

    /**
     * @param runtime a runtime
     * @return empty if this workload runs there, else why not (shown in the table)
     */
    default Optional<String> unsupported(RuntimeId runtime) {
        return Optional.empty();
    }

    /** @return the size of the full run (tasks, round trips, hops, messages, ms) */
    long fullSize();

    /** @return the size of the quick suite's run */
    long quickSize();

    /**
     * @param size a wanted size (a scaled full or quick size)
     * @return the nearest size this workload can run (e.g. a power of ten for skynet)
     */
    default long normalize(long size) {
        return Math.max(1, size);
    }

    /**
     * One run, measured.
     *
     * @param session the runtime, already open
     * @param size    a {@link #normalize normalized} size
     * @return the measurement in {@link #unit()}
     * @throws Exception if the run fails or its result is wrong
     */
    double measure(Session session, long size) throws Exception;
}
