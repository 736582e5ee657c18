package io.revchain.analytics.export;

import java.io.ByteArrayOutputStream;

/**
 * A document written a piece at a time: each call writes the next part (about {@link #CHUNK} bytes: whole traces or
 * objects) and returns its bytes, so the whole document never exists in memory at once.
 */
abstract class ChunkSource {

    /** Bytes a chunk reaches before it is handed out. */
    static final int CHUNK = 64 * 1024;

    /** What the writer writes into; emptied after each chunk. */
    protected final Buffer out = new Buffer();

    /** The next part of the document, or null when it is complete. */
    abstract byte[] next();

    /** A byte buffer whose content is taken out chunk by chunk. */
    static final class Buffer extends ByteArrayOutputStream {

        Buffer() {
            super(CHUNK + CHUNK / 4);
        }

        byte[] take() {
            byte[] bytes = toByteArray();
            reset();
            return bytes;
        }

        boolean full() {
            return count >= CHUNK;
        }
    }
}
