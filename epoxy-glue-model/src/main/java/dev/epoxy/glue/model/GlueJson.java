package dev.epoxy.glue.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.util.ArrayList;
import java.util.List;

/** The Jackson setup of the Glue JSON 1.1 protocol. */
public final class GlueJson {
    /** The protocol's content type, for requests and responses. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private GlueJson() {}

    /**
     * A mapper that omits null members (botocore drops them anyway), writes empty outputs as {@code {}},
     * ignores members it does not know (AWS ignores them too) and never writes numbers in exponent form.
     *
     * <p>Numbers: reading a tree keeps finite fractions as exact {@link java.math.BigDecimal}s, for
     * {@link RequestValidator}'s range checks. Writing omits a non-finite {@code double} member like a
     * null one: JSON has no Infinity or NaN, and Jackson would otherwise write the string
     * {@code "Infinity"} where the model says double.
     */
    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .registerModule(new SimpleModule("epoxy-finite-numbers").setSerializerModifier(new FiniteNumbersOnly()));
    }

    /** Wraps every floating-point member's writer so that it skips non-finite values, whatever the shape's inclusion says. */
    private static final class FiniteNumbersOnly extends BeanSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> properties) {
            List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
            for (BeanPropertyWriter property : properties) {
                Class<?> type = property.getType().getRawClass();
                boolean floating = type == Double.class || type == double.class || type == Float.class || type == float.class;
                changed.add(floating ? new FiniteOnlyWriter(property) : property);
            }
            return changed;
        }
    }

    private static final class FiniteOnlyWriter extends BeanPropertyWriter {
        FiniteOnlyWriter(BeanPropertyWriter base) {
            super(base);
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator generator, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (value instanceof Number number && (value instanceof Double || value instanceof Float) && !Double.isFinite(number.doubleValue())) {
                return;
            }
            super.serializeAsField(bean, generator, provider);
        }
    }
}
