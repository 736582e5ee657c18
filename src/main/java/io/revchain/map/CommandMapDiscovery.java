package io.revchain.map;

import io.revchain.chain.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/** Sends {@link AddDiscoveredStages} with the caller in its metadata, like every map change. */
@Component
class CommandMapDiscovery implements MapDiscovery {

    private final CommandGateway commands;

    CommandMapDiscovery(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public MapView addDiscoveredStages(AddDiscoveredStages command, Actor actor) {
        MapVersion version = commands.sendAndWait(command, MetaData.from(actor.metaData()));
        return version.view();
    }
}
