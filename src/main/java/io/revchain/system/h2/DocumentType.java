package io.revchain.system.h2;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded server's collection maps: a document is stored as BSON behind a tag that H2's
 * ObjectDataType never writes. The stock backend stores documents Java-serialized, with the class descriptions of
 * every map and value type in each one: about 1.5 times the BSON size (1,244 against 829 bytes for an event). Values
 * written by the stock backend are still read (the tag tells them apart), so existing files open unchanged; a value
 * BSON cannot hold is written as the stock backend writes it.
 */
final class DocumentType extends BasicDataType<Object> {

    /** Unused by ObjectDataType, whose tags stop at 119 (byte arrays of 0-15 bytes). */
    static final byte BSON = 126;

    private final ObjectDataType legacy = new ObjectDataType();
    /** Memory H2 accounts per document when sizing pages and its cache: the moving average of what was written. */
    private volatile int averageSize = 512;

    @Override
    public int getMemory(Object obj) {
        return obj instanceof Document ? averageSize : legacy.getMemory(obj);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        byte[] bson = obj instanceof Document document ? encode(document) : null;
        if (bson == null) {
            legacy.write(buff, obj);
            return;
        }
        averageSize = (int) ((2L * bson.length + 15L * averageSize) / 16);
        buff.put(BSON).putVarInt(bson.length).put(bson);
    }

    /** The document as BSON, or null when it holds a value BSON cannot (then it is stored as before). */
    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } catch (RuntimeException notBson) {
            return null;
        } finally {
            buffer.release();
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON) {
            return legacy.read(buff);
        }
        buff.get();
        int length = DataUtils.readVarInt(buff);
        ByteBuffer bson = buff.slice();
        bson.limit(length);
        buff.position(buff.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public int compare(Object a, Object b) {
        return legacy.compare(a, b);
    }
}
