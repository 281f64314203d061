package dev.weft.bench.workloads;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Every workload, in the order the table shows them. Their ids are part of the JSON schema. */
public final class Workloads {
    private static final List<Workload> ALL = List.of(
            Skynet.INSTANCE,
            SpawnJoin.INSTANCE,
            PingPong.INSTANCE,
            PingPongPark.INSTANCE,
            Ring.INSTANCE,
            FanIn.INSTANCE,
            ParkedMemory.INSTANCE,
            Idle.INSTANCE);

    private Workloads() {
    }

    /** @return every workload, in table order */
    public static List<Workload> all() {
        return ALL;
    }

    /**
     * @param id a workload id
     * @return the workload
     * @throws IllegalArgumentException naming the known ids
     */
    public static Workload byId(String id) {
        for (Workload w : ALL) {
            if (w.id().equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: "
                + ALL.stream().map(Workload::id).collect(Collectors.joining(", ")));
    }

    /** @return every runtime the bench runs by default, in table order (weft-det only on request) */
    public static List<RuntimeId> runtimes() {
        return Arrays.stream(RuntimeId.values()).filter(r -> r != RuntimeId.WEFT_DET).toList();
    }
}
