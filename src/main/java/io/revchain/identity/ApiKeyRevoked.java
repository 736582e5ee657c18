package io.revchain.identity;

/** The key is refused from now on, on every node. Final. */
public record ApiKeyRevoked(String keyId) implements ApiKeyEvent {
}
