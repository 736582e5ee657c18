package io.revchain.session;

import io.revchain.map.MapCatalog;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

@Component
class CatalogKnownMaps implements KnownMaps {

    private final MapCatalog catalog;

    CatalogKnownMaps(MapCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public OptionalLong latestVersion(String mapId) {
        return catalog.latestVersion(mapId);
    }
}
