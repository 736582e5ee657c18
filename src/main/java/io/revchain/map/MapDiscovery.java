package io.revchain.map;

import io.revchain.chain.Actor;

/** Defines or extends a map from the activities discovered in an event log; the change is the actor's doing. */
public interface MapDiscovery {

    /**
     * The map after the command: a new version when something was added, else the current one. Blocking.
     * Throws MapRuleViolation when the resulting document breaks a map rule; nothing is recorded then.
     */
    MapView addDiscoveredStages(AddDiscoveredStages command, Actor actor);
}
