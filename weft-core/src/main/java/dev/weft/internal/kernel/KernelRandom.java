package dev.weft.internal.kernel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The kernel-owned random source (DESIGN.md, "Seams"): select's choice and any randomised policy
 * draw from it, so a seed reproduces them. SplitMix64 over one atomic counter: lock-free and safe
 * from any thread; with one thread drawing (deterministic mode) the sequence is fixed by the seed.
 */
public final class KernelRandom implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private final AtomicLong state;

    /** @param seed the seed */
    public KernelRandom(long seed) {
        this.state = new AtomicLong(seed);
    }

    @Override
    public long nextLong() {
        long z = state.addAndGet(GOLDEN_GAMMA); // pairs with nothing: each draw takes its own step
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
