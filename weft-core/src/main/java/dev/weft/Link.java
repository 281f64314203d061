package dev.weft;

/**
 * How failure spreads between a task and the task that spawned it (its parent).
 *
 * <table class="striped">
 * <caption>What each mode spreads</caption>
 * <tr><th>mode</th><th>child fails</th><th>parent fails or is killed</th></tr>
 * <tr><td>{@link #LINKED}</td><td>the parent fails, and so on up the chain</td><td>the child is killed</td></tr>
 * <tr><td>{@link #SUPERVISED}</td><td>nothing: the failure stays with the child</td><td>the child is killed</td></tr>
 * <tr><td>{@link #UNLINKED}</td><td>nothing</td><td>nothing</td></tr>
 * </table>
 *
 * <p>A failure travelling up passes through parents that have already ended. A failure that
 * reaches the main task fails the kernel (status 101). A parent that ends normally leaves its
 * children running.
 */
public enum Link {
    /** The default: failures travel up, kills travel down. */
    LINKED,
    /** The parent's failure or kill kills the child; the child's failure stays with it. */
    SUPERVISED,
    /** Independent: nothing spreads either way. */
    UNLINKED
}
