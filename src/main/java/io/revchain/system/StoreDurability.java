package io.revchain.system;

import java.util.function.Supplier;

/**
 * Makes acknowledged writes durable. Real MongoDB does this through its write concern; the embedded
 * H2 backend only writes its file once a second, so writers call {@link #commit()} before they acknowledge.
 */
@FunctionalInterface
public interface StoreDurability {

    StoreDurability NONE = () -> { };

    void commit();

    /**
     * Runs work whose own commits are left out: its writes become durable at the next {@link #commit()} (or the
     * store's next periodic one). For a caller that is idempotent and re-runnable, such as an import job, which
     * commits at checkpoints of its own; see {@link Deferrable}.
     */
    default <T> T withoutCommits(Supplier<T> work) {
        return work.get();
    }

    /** A durability whose commits a thread can leave out for a while ({@link #withoutCommits}). */
    static StoreDurability deferrable(Runnable commit) {
        return new Deferrable(commit);
    }

    final class Deferrable implements StoreDurability {

        private final Runnable commit;
        private final ThreadLocal<Boolean> deferring = ThreadLocal.withInitial(() -> Boolean.FALSE);

        private Deferrable(Runnable commit) {
            this.commit = commit;
        }

        @Override
        public void commit() {
            if (!deferring.get()) {
                commit.run();
            }
        }

        @Override
        public <T> T withoutCommits(Supplier<T> work) {
            if (deferring.get()) {
                return work.get();
            }
            deferring.set(Boolean.TRUE);
            try {
                return work.get();
            } finally {
                deferring.set(Boolean.FALSE);
            }
        }
    }
}
