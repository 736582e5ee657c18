package io.revchain.system.web;

import java.math.BigDecimal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes a {@link Rounded} double as a plain JSON number (no exponent) at its scale. */
final class RoundedSerializer extends StdSerializer<Double> {

    private final Rounded.Scale scale;

    RoundedSerializer() {
        this(null);
    }

    private RoundedSerializer(Rounded.Scale scale) {
        super(Double.class);
        this.scale = scale;
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
        Rounded rounded = property == null ? null : property.getAnnotation(Rounded.class);
        return rounded == null ? this : new RoundedSerializer(rounded.value());
    }

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
        if (scale == null) {
            generator.writeNumber(value);
            return;
        }
        BigDecimal rounded = scale.round(value);
        if (rounded == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(rounded.toPlainString());
        }
    }
}
