package io.revchain.system;

import java.io.File;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Free space where revchain writes (the embedded store's folder, else the working directory), in place of Boot's
 * disk space check, whose details name the path: health is answered to anyone who can reach it, and a file system
 * path tells them about the host.
 */
@Component("diskSpace")
class DataDiskHealthIndicator extends AbstractHealthIndicator {

    static final long THRESHOLD_BYTES = 10L * 1024 * 1024;

    private final File folder;

    DataDiskHealthIndicator(MongoProperties properties) {
        super("Disk space check failed");
        boolean embeddedOnDisk = (properties.uri() == null || properties.uri().isBlank())
                && !properties.embedded().inMemory();
        this.folder = new File(embeddedOnDisk ? properties.embedded().dataDir() : ".").getAbsoluteFile();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        File existing = folder;
        while (existing != null && !existing.exists()) {
            existing = existing.getParentFile();
        }
        long free = existing == null ? 0 : existing.getUsableSpace();
        long total = existing == null ? 0 : existing.getTotalSpace();
        (free >= THRESHOLD_BYTES ? builder.up() : builder.down())
                .withDetail("free", free)
                .withDetail("total", total)
                .withDetail("threshold", THRESHOLD_BYTES);
    }
}
