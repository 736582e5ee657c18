package io.revchain.session;

import java.util.regex.Pattern;

/** Session identifiers: plain in events and URLs, prefixed in the shared event store namespace. */
final class SessionIds {

    static final String PREFIX = "session:";
    static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SessionIds() {
    }

    static String aggregateId(String sessionId) {
        return PREFIX + sessionId;
    }

    static boolean valid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
