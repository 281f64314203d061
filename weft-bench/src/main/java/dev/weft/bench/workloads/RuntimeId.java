package dev.weft.bench.workloads;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The runtimes a workload runs on. The ids are part of {@code weft bench --json}'s schema
 * (issue 5): other tools read them, so they never change.
 */
public enum RuntimeId {
    /** A weft kernel whose default scheduler has one carrier. */
    WEFT_1("weft-1", "weft, one carrier"),
    /** A weft kernel's default scheduler: one carrier per core. */
    WEFT_DEFAULT("weft-default", "weft, one carrier per core"),
    /** weft's main-thread scheduler (one carrier: the thread inside {@code Kernel.run}). */
    WEFT_MAIN("weft-main", "weft, main-thread scheduler"),
    /** JDK virtual threads on the JDK's default scheduler. */
    JDK_VIRTUAL("jdk-virtual", "JDK virtual threads, default scheduler"),
    /** {@code Executors.newFixedThreadPool(cores)} with blocking queues. */
    PLATFORM_POOL("platform-pool", "fixed pool of platform threads, one per core"),
    /** Only with {@code --deterministic}: not in {@code Workloads.runtimes()}. */
    WEFT_DET("weft-det", "weft, deterministic mode: every task on one thread in a seeded order");

    private final String id;
    private final String description;

    RuntimeId(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** @return the stable id, e.g. {@code weft-1} */
    public String id() {
        return id;
    }

    /** @return one line for people */
    public String description() {
        return description;
    }

    /** @return whether this is one of weft's schedulers */
    public boolean isWeft() {
        return this == WEFT_1 || this == WEFT_DEFAULT || this == WEFT_MAIN || this == WEFT_DET;
    }

    /**
     * @param id a stable id
     * @return its runtime
     * @throws IllegalArgumentException naming the known ids
     */
    public static RuntimeId of(String id) {
        for (RuntimeId r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown runtime '" + id + "'; known: "
                + Arrays.stream(values()).map(RuntimeId::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
