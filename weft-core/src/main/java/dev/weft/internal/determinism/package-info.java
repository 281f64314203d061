/**
 * Deterministic mode ({@code KernelConfig.deterministic(seed)}): every task of every scheduler
 * runs on the thread inside {@code Kernel.run} ({@link dev.weft.internal.determinism.DeterministicLoop}),
 * picked by a seeded random draw ({@link dev.weft.internal.determinism.SeededRunQueue}), with a
 * virtual clock that jumps to the next weft timer when every task is blocked
 * ({@link dev.weft.internal.determinism.VirtualClock}). Select's random choice uses the same
 * seeded kernel random source. Tests: {@code DeterministicModeTest}.
 */
package dev.weft.internal.determinism;
