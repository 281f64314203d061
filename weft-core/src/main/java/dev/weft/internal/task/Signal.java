package dev.weft.internal.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A one-shot signal: {@link #fire()} once, and every present and future waiter returns. Used for
 * "task reaped" (join, await), "scheduler exited" and "kernel terminated". Waiting goes through
 * {@link Blocking}, so a killed task's wait throws {@link dev.weft.TaskKilledException} and a
 * plain interrupt throws {@link dev.weft.TaskInterruptedException}; tasks and plain threads alike.
 *
 * <p>State: {@code waiters} is a Treiber stack of {@link Node}s, or {@link #FIRED}.
 * <pre>
 * stack --await() pushes a node (CAS)-->  stack
 * stack --fire() (getAndSet FIRED)-->     FIRED, then every node's thread is unparked
 * </pre>
 * A waiter that leaves early (timeout, kill) clears its node's thread; cleared nodes at the top
 * are popped by the next push, so repeated timed waits do not grow the stack without bound.
 */
public class Signal {
    private static final Node FIRED = new Node(null, null);
    private static final VarHandle WAITERS;

    static {
        try {
            WAITERS = MethodHandles.lookup().findVarHandle(Signal.class, "waiters", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The top of the waiter stack, or FIRED. Written only by CAS / getAndSet. */
    @SuppressWarnings("unused")
    private volatile Node waiters;

    private static final class Node {
        volatile Thread thread;
        final Node next;

        Node(Thread thread, Node next) {
            this.thread = thread;
            this.next = next;
        }
    }

    /** @return whether {@link #fire()} has happened */
    public final boolean isFired() {
        return waiters == FIRED;
    }

    /**
     * Fires the signal and wakes every waiter. Only the first call does anything.
     *
     * @return whether this call fired it
     */
    public final boolean fire() {
        Node n = (Node) WAITERS.getAndSet(this, FIRED);
        if (n == FIRED) {
            return false;
        }
        for (; n != null; n = n.next) {
            Thread t = n.thread;
            if (t != null) {
                java.util.concurrent.locks.LockSupport.unpark(t);
            }
        }
        return true;
    }

    /**
     * Waits until fired.
     *
     * @param blocker what the thread waits on (shown in thread dumps)
     */
    public final void await(Object blocker) {
        awaitUntil(blocker, Long.MAX_VALUE, false);
    }

    /**
     * Waits until fired or the kernel clock passes {@code deadline}.
     *
     * @param blocker  shown in thread dumps
     * @param deadline on {@link Blocking#now()}'s clock
     * @return whether it fired
     */
    public final boolean awaitUntil(Object blocker, long deadline) {
        return awaitUntil(blocker, deadline, true);
    }

    private boolean awaitUntil(Object blocker, long deadline, boolean timed) {
        Blocking.checkKilled(); // a killed task's weft calls throw even when there is nothing to wait for
        if (isFired()) {
            return true;
        }
        Blocking.beforeWait();
        Node node = push(Thread.currentThread());
        if (node == null) {
            return true;
        }
        try {
            while (!isFired()) {
                if (timed) {
                    if (!Blocking.parkUntil(blocker, deadline)) {
                        return isFired();
                    }
                } else {
                    Blocking.park(blocker);
                }
            }
            return true;
        } finally {
            node.thread = null;
        }
    }

    /** @return the pushed node, or null if already fired */
    private Node push(Thread t) {
        for (;;) {
            Node head = waiters;
            if (head == FIRED) {
                return null;
            }
            Node next = head;
            while (next != null && next.thread == null) {
                next = next.next; // skip nodes of waiters that left (timeout, kill)
            }
            Node node = new Node(t, next);
            if (WAITERS.compareAndSet(this, head, node)) { // pairs with fire()'s getAndSet
                return node;
            }
        }
    }
}
