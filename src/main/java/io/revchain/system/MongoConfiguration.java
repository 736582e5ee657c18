package io.revchain.system;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo(MongoProperties properties) {
        return properties.useEmbedded() ? EmbeddedMongo.start(properties.embedded()) : null;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoProperties properties, ObjectProvider<EmbeddedMongo> embedded) {
        EmbeddedMongo server = embedded.getIfAvailable();
        String uri = server != null ? server.connectionString() : properties.uri();
        log.info("MongoDB: {}", server != null ? "embedded at " + uri : new ConnectionString(uri).getHosts());
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToSocketSettings(s -> s.connectTimeout(10, TimeUnit.SECONDS));
        if (server == null && new ConnectionString(uri).getWriteConcern() == null) {
            // Acknowledged must mean durable: wait for a journaled write on a majority of the replica set.
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        return MongoClients.create(settings.build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    StoreDurability storeDurability(ObjectProvider<EmbeddedMongo> embedded) {
        EmbeddedMongo server = embedded.getIfAvailable();
        return server != null ? StoreDurability.deferrable(server::commit) : StoreDurability.NONE;
    }
}
