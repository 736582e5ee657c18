package io.revchain.chain;

/** Principals for tests that call the write side directly, without HTTP. */
public final class TestActors {

    /** A script recording steps or importing history. */
    public static final Actor RECORDER = new Actor("key:testrecorder", "test recorder", null);

    private TestActors() {
    }
}
