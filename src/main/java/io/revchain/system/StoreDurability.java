package io.revchain.system;

/**
 * Makes acknowledged writes durable. Real MongoDB does this through its write concern; the embedded
 * H2 backend only flushes about once a second, so writers call {@link #commit()} before they acknowledge.
 */
@FunctionalInterface
public interface StoreDurability {

    StoreDurability NONE = () -> { };

    void commit();
}
