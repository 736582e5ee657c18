package io.revchain.chain;

/**
 * The one rule for the name of a step attribute, shared by the steps intake and the import mapping. Attributes are
 * stored as document keys (in the event store and the BI read models), so a name must be a key every document store
 * accepts as a plain field: not blank, no '.', not starting with '$', not {@code _id}, no control characters (NUL
 * ends a BSON key), at most {@value #MAX_LENGTH} characters.
 */
public final class AttributeNames {

    public static final int MAX_LENGTH = 200;

    public static final String RULE = "attribute names must be 1-" + MAX_LENGTH + " characters, without '.' or "
            + "control characters, not starting with '$' and not '_id'";

    private AttributeNames() {
    }

    /** Why {@code name} cannot name an attribute, or null when it can. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "is blank; " + RULE;
        }
        if (name.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (name.startsWith("$")) {
            return "starts with '$'; " + RULE;
        }
        if (name.indexOf('.') >= 0) {
            return "contains '.'; " + RULE;
        }
        if (name.equals("_id")) {
            return "'_id' is reserved; " + RULE;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return String.format("contains the control character U+%04X; %s", (int) name.charAt(i), RULE);
            }
        }
        return null;
    }

    /** A name from a source that cannot be asked to rename (an XES log's keys), made to follow the rule. */
    public static String safe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && out.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            out.append(c == '.' || Character.isISOControl(c) || (i == 0 && c == '$') ? '_' : c);
        }
        String safe = out.toString();
        return safe.isBlank() ? "_" : safe.equals("_id") ? "__id" : safe;
    }
}
