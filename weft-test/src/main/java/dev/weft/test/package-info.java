/**
 * JUnit 5 support for weft: {@link dev.weft.test.WeftTest} explores a test body under many seeds
 * of a deterministic kernel and reports the seed of the first failure, which then replays it.
 */
/*
 * Implementation overview.
 *
 * WeftTestExtension.interceptTestMethod takes over the method's invocation (invocation.skip()),
 * then for each seed of Seeds (the annotation, or the weft.test.seeds / weft.test.seed
 * configuration parameters) builds a SeedRun:
 *   1. Kernel.run(KernelConfig.deterministic(seed).withFailureReporter(recorder), body), where
 *      the body records Kernel.current() (for a timeout dump) and invokes the test method
 *      reflectively; on the JUnit thread, or, when a JUnit timeout applies, on a daemon platform
 *      thread of its own so that JUnit's interrupt never lands on the kernel's only carrier.
 *   2. The run fails if the body threw or the exit status is not 0; its failure is the first
 *      kernel-failing report's cause, else the body's exception, else the status (SeedRun).
 *   3. The first failing seed ends the exploration with AssertionError("failed with seed N;
 *      rerun with @WeftTest(seed = N)"), cause = that failure, other reports suppressed.
 * Timeouts (TimeoutSettings): found as JUnit finds them; the exploration gives up a little before
 * JUnit's own timer (ownShare) so that its failure, naming the seed, is the one JUnit reports;
 * HangDump prints Kernel.tasks() and a full thread dump first, then the kernel is failed.
 *
 * Checked by WeftTestExtensionTest (counting, replay, traces, failure causes, deadlock, timeout)
 * and RegisterOnceRaceTest (the planted race found and replayed).
 */
package dev.weft.test;
