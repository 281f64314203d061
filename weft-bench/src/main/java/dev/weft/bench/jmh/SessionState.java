package dev.weft.bench.jmh;

import dev.weft.bench.workloads.RuntimeId;
import dev.weft.bench.workloads.Session;

/** Opens and closes the {@link Session} a benchmark runs on (one per JMH trial). */
abstract class SessionState {
    /** The open session, between {@code @Setup} and {@code @TearDown}. */
    protected Session session;

    protected void open(String runtimeId) {
        session = Session.open(RuntimeId.of(runtimeId));
    }

    protected void open(Session s) {
        session = s;
    }

    protected void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
