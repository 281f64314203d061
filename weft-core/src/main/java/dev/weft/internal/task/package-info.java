/**
 * Tasks: the task object, spawning, and how every weft call waits.
 *
 * <h2>Implementation overview</h2>
 * {@code TaskImpl} is at once the task's handle, the executor its virtual thread submits
 * continuations to, the body its virtual thread runs, and the item its carriers run: one object
 * per task. Its run-state and outcome state machines are documented there. {@code Blocking} is
 * the one way weft waits (kill, interrupt and clock rules); {@code Signal} is the one-shot signal
 * behind join, scheduler termination and kernel termination. {@code Spawner} resolves where a
 * spawn goes. Tests: {@code TaskLifecycleTest}, {@code BadInputTest}.
 */
package dev.weft.internal.task;
