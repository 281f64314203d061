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
     * @param planned the plan's uncounted warm-up runs
     * @return how many this workload does (a memory or CPU measurement needs fewer than a timing)
     */
    default int warmups(int planned) {
        return planned;
    }

    /**
     * @param planned the plan's measured runs
     * @return how many this workload does
     */
    default int runs(int planned) {
        return planned;
    }

    /**
     * The size to run on one runtime: the plan's size, or less where a runtime is so slow at
     * this workload that the plan's size would take minutes (ns/op stays comparable).
     *
     * @param runtime a runtime
     * @param size    the plan's normalized size
     * @return the size to run there
     */
    default long sizeOn(RuntimeId runtime, long size) {
        return size;
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
