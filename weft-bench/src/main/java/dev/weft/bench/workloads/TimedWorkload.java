package dev.weft.bench.workloads;

/**
 * A workload measured in wall-clock nanoseconds per operation: {@link #execute} does the work
 * and says how many operations it did; {@link #measure} times it. JMH benchmarks call
 * {@link #execute} directly.
 */
public abstract class TimedWorkload implements Workload {
    @Override
    public final Unit unit() {
        return Unit.NS_PER_OP;
    }

    /**
     * Runs the workload once and checks its result.
     *
     * @param session the runtime
     * @param size    the size
     * @return the number of operations done (what ns/op divides by)
     * @throws Exception if it failed or its result is wrong
     */
    public abstract long execute(Session session, long size) throws Exception;

    @Override
    public final double measure(Session session, long size) throws Exception {
        long start = System.nanoTime();
        long ops = execute(session, size);
        long elapsed = System.nanoTime() - start;
        return (double) elapsed / ops;
    }

    /**
     * @param what     what was checked
     * @param expected the right value
     * @param actual   the value the run produced
     */
    protected static void check(String what, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }
}
