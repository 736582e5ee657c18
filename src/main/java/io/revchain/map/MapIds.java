package io.revchain.map;

import java.util.regex.Pattern;

/** Map identifiers: plain in events and URLs, prefixed in the shared event store namespace. */
public final class MapIds {

    public static final String PREFIX = "map:";
    /** 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final Pattern FORMAT = Pattern.compile(ID_PATTERN);

    private MapIds() {
    }

    public static String aggregateId(String mapId) {
        return PREFIX + mapId;
    }

    static boolean valid(String mapId) {
        return mapId != null && FORMAT.matcher(mapId).matches();
    }
}
