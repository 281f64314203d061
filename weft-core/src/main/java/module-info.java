/**
 * weft: a task runtime for Java 25. Kernels own schedulers, schedulers own carrier threads, and
 * tasks are virtual threads mounted on those carriers. The public API is {@code dev.weft}; the
 * machinery lives in {@code dev.weft.internal.*} and is not exported.
 */
module dev.weft {
    exports dev.weft;
}
