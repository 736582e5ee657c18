package io.revchain.system.web;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import java.util.Locale;

/**
 * Function-bound actions (proposing or accepting a definition, completing an action item) act as the caller's own
 * function and identity. A request body may still name them, as clients always did, but only as a check: naming
 * another function or person is refused with 403, so who agreed to what is decided by who is calling.
 */
public final class ActingAs {

    private ActingAs() {
    }

    /** The caller's function; throws ForbiddenException when it has none or the body names another. */
    public static BusinessFunction function(Actor actor, String requested, String action) {
        if (actor.function() == null) {
            throw new ForbiddenException("function-required", "only a principal acting for a function (MARKETING, "
                    + "SALES or SERVICE) can " + action + "; " + actor.id() + " acts for none");
        }
        if (requested != null && !requested.isBlank()
                && BusinessFunction.parse(requested).filter(f -> f == actor.function()).isEmpty()) {
            throw new ForbiddenException("acts-as-own-function", actor.id() + " acts for " + actor.function()
                    + " and cannot " + action + " as '" + requested.strip() + "'");
        }
        return actor.function();
    }

    /** The caller's name; throws ForbiddenException when the body names somebody else. */
    public static String person(Actor actor, String requested, String action) {
        if (requested != null && !requested.isBlank() && !isCaller(actor, requested.strip())) {
            throw new ForbiddenException("acts-as-self", actor.id() + " (" + actor.name() + ") cannot " + action
                    + " as '" + requested.strip() + "'");
        }
        return actor.name();
    }

    private static boolean isCaller(Actor actor, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String id = actor.id().toLowerCase(Locale.ROOT);
        return lower.equals(actor.name().toLowerCase(Locale.ROOT)) || lower.equals(id)
               || lower.equals(id.substring(id.indexOf(':') + 1));
    }
}
