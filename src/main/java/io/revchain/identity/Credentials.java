package io.revchain.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.revchain.system.StoreDurability;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The secrets, kept out of the event store: a user's password hash (Spring Security's delegating encoder, bcrypt) or
 * a key's SHA-256, by principal id. Events are a permanent, widely read record (BI tools read them); a hash there
 * could never be deleted. This collection cannot be rebuilt: back it up with the events.
 */
@Component
class Credentials {

    static final String COLLECTION = "identity_credentials";

    private final MongoCollection<Document> secrets;
    private final StoreDurability durability;

    Credentials(MongoDatabase database, StoreDurability durability) {
        this.secrets = database.getCollection(COLLECTION);
        this.durability = durability;
    }

    void store(String principalId, String hash) {
        secrets.replaceOne(Filters.eq("_id", principalId), new Document("_id", principalId).append("hash", hash),
                           new ReplaceOptions().upsert(true));
        durability.commit();
    }

    Optional<String> hash(String principalId) {
        Document document = secrets.find(Filters.eq("_id", principalId)).first();
        return Optional.ofNullable(document).map(d -> d.getString("hash"));
    }

    void delete(String principalId) {
        secrets.deleteOne(Filters.eq("_id", principalId));
        durability.commit();
    }
}
