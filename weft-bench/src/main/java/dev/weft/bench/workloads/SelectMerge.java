package dev.weft.bench.workloads;

import dev.weft.Channel;
import dev.weft.Scheduler;
import dev.weft.Select;
import dev.weft.TaskHandle;
import java.util.concurrent.SynchronousQueue;

/**
 * Select over {@code n} channels (issue 4's JMH benchmark; not in the {@code weft bench}
 * suite): {@code n} senders each send {@code size / n} messages on a rendezvous channel of
 * their own; one receiver takes {@code size} messages with a {@code Select} over all {@code n}
 * channels. One operation is one message. The JDK has no select: its reference is what a JDK
 * user writes instead, every sender putting into one shared {@link SynchronousQueue}.
 */
public final class SelectMerge {
    private static final Integer ONE = 1;

    private SelectMerge() {
    }

    /**
     * @param scheduler where the senders and the receiver run
     * @param n         channels (and senders)
     * @param size      messages in all (a multiple of n)
     * @return messages received
     */
    public static long weft(Scheduler scheduler, int n, long size) {
        @SuppressWarnings("unchecked")
        Channel<Integer>[] channels = new Channel[n];
        for (int i = 0; i < n; i++) {
            channels[i] = Channel.rendezvous();
        }
        long per = size / n;
        TaskHandle<Long> receiver = scheduler.spawn(() -> {
            long sum = 0;
            for (long i = 0; i < per * n; i++) {
                Select<Integer> select = Select.create();
                for (Channel<Integer> c : channels) {
                    select.onReceive(c, x -> x);
                }
                sum += select.select();
            }
            return sum;
        });
        TaskHandle<?>[] senders = new TaskHandle<?>[n];
        for (int s = 0; s < n; s++) {
            Channel<Integer> c = channels[s];
            senders[s] = scheduler.spawn(() -> {
                for (long i = 0; i < per; i++) {
                    c.send(ONE);
                }
            });
        }
        for (TaskHandle<?> s : senders) {
            s.join();
        }
        long got = receiver.join();
        check(per * n, got);
        return got;
    }

    /**
     * The JDK reference: {@code n} virtual-thread senders put into one {@link SynchronousQueue}.
     *
     * @param n    senders
     * @param size messages in all (a multiple of n)
     * @return messages received
     */
    public static long jdk(int n, long size) throws InterruptedException {
        SynchronousQueue<Integer> q = new SynchronousQueue<>();
        long per = size / n;
        long[] sum = new long[1];
        Thread receiver = Thread.ofVirtual().start(() -> {
            try {
                long s = 0;
                for (long i = 0; i < per * n; i++) {
                    s += q.take();
                }
                sum[0] = s;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread[] senders = new Thread[n];
        for (int s = 0; s < n; s++) {
            senders[s] = Thread.ofVirtual().start(() -> {
                try {
                    for (long i = 0; i < per; i++) {
                        q.put(ONE);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (Thread s : senders) {
            s.join();
        }
        receiver.join();
        check(per * n, sum[0]);
        return sum[0];
    }

    private static void check(long expected, long got) {
        if (expected != got) {
            throw new IllegalStateException("select merge: expected " + expected + " messages, got " + got);
        }
    }
}
