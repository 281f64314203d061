package dev.weft.bench.workloads;

/** What a measurement counts. The symbols are part of {@code weft bench --json}'s schema. */
public enum Unit {
    /** Nanoseconds per operation (the workload says what one operation is). Lower is better. */
    NS_PER_OP("ns/op"),
    /** Heap bytes per parked task, after a full GC. Lower is better. */
    BYTES_PER_TASK("bytes/task"),
    /** Process CPU time over wall time, in percent of one core. Lower is better. */
    CPU_PERCENT("cpu%");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** @return {@code ns/op}, {@code bytes/task} or {@code cpu%} */
    public String symbol() {
        return symbol;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
