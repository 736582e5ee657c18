package io.revchain.target;

/** Everything that happens to a map's targets; every event is one version of the map's target plan. */
public sealed interface TargetEvent permits TargetProposed, TargetAgreed {

    String mapId();

    String quarter();
}
