package io.revchain.analytics.export;

/** Text as XML 1.0 can carry it. */
final class Xml {

    private Xml() {
    }

    /**
     * The text with each character XML 1.0 cannot carry at all (most control characters, unpaired surrogates,
     * U+FFFE/U+FFFF) replaced by U+FFFD; StAX escapes the rest. A step's value may hold such characters.
     */
    static String clean(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!allowed(text, i)) {
                return replace(text);
            }
        }
        return text;
    }

    private static String replace(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else {
                clean.append(allowed(text, i) ? c : '\uFFFD');
            }
        }
        return clean.toString();
    }

    private static boolean allowed(String text, int i) {
        char c = text.charAt(i);
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return true;
    }
}
