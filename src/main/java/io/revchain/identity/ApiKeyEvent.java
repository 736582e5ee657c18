package io.revchain.identity;

/** Events of an API key; who caused each one is in its metadata. No event ever holds the key or its hash. */
public sealed interface ApiKeyEvent permits ApiKeyIssued, ApiKeyRevoked {

    String keyId();
}
