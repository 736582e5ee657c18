package io.revchain.chain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who caused a change: a person ({@code user:<username>}) or a machine ({@code key:<keyId>}), acting for a function
 * when it has one. Commands carry it in their metadata and every event they cause inherits it, so each change says
 * who made it.
 */
public record Actor(String id, String name, BusinessFunction function) {

    public static final String ID = "principalId";
    public static final String NAME = "principalName";
    public static final String FUNCTION = "principalFunction";

    /** The metadata entries a command carries for its events. */
    public Map<String, Object> metaData() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put(ID, id);
        entries.put(NAME, name);
        if (function != null) {
            entries.put(FUNCTION, function.name());
        }
        return entries;
    }

    /** The actor recorded in a message's metadata; empty for messages recorded before attribution existed. */
    public static Optional<Actor> from(Map<String, ?> metaData) {
        Object id = metaData.get(ID);
        if (id == null) {
            return Optional.empty();
        }
        Object name = metaData.get(NAME);
        Object function = metaData.get(FUNCTION);
        return Optional.of(new Actor(id.toString(), name == null ? id.toString() : name.toString(),
                                     function == null ? null : BusinessFunction.parse(function.toString())
                                                                               .orElse(null)));
    }
}
