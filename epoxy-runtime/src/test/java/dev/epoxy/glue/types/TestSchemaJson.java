package dev.epoxy.glue.types;

import static dev.epoxy.glue.types.AtomicType.DOUBLE;
import static dev.epoxy.glue.types.AtomicType.LONG;
import static dev.epoxy.glue.types.AtomicType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.GlueRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSchemaJson {
    private static final StructType SCHEMA = StructType.of(
            new Field("id", LONG),
            new Field("price", ChoiceType.of(STRING, DOUBLE)),
            new Field("tags", new ArrayType(STRING)),
            new Field("attributes", new MapType(new DecimalType(7, 2))),
            new Field("kinds", new SetType(new EnumType(List.of("a", "b")))),
            new Field("address", StructType.of(new Field("zip", AtomicType.INT), new Field("seen", AtomicType.TIMESTAMP_NTZ))));

    @Test
    void writesTheWireFormatOfTheReference() {
        String expected = "{\"dataType\":\"struct\",\"properties\":{},\"fields\":["
                + "{\"name\":\"id\",\"container\":{\"dataType\":\"long\",\"properties\":{}},\"properties\":{}},"
                + "{\"name\":\"price\",\"container\":{\"dataType\":\"choice\",\"properties\":{},\"choices\":["
                + "{\"dataType\":\"double\",\"properties\":{}},{\"dataType\":\"string\",\"properties\":{}}]},\"properties\":{}},"
                + "{\"name\":\"tags\",\"container\":{\"dataType\":\"array\",\"properties\":{},\"elementType\":"
                + "{\"dataType\":\"string\",\"properties\":{}}},\"properties\":{}},"
                + "{\"name\":\"attributes\",\"container\":{\"dataType\":\"map\",\"properties\":{},\"valueType\":"
                + "{\"dataType\":\"decimal\",\"properties\":{},\"precision\":7,\"scale\":2}},\"properties\":{}},"
                + "{\"name\":\"kinds\",\"container\":{\"dataType\":\"set\",\"properties\":{},\"elementType\":"
                + "{\"dataType\":\"enum\",\"properties\":{},\"options\":[\"a\",\"b\"]}},\"properties\":{}},"
                + "{\"name\":\"address\",\"container\":{\"dataType\":\"struct\",\"properties\":{},\"fields\":["
                + "{\"name\":\"zip\",\"container\":{\"dataType\":\"int\",\"properties\":{}},\"properties\":{}},"
                + "{\"name\":\"seen\",\"container\":{\"dataType\":\"timestampntz\",\"properties\":{}},\"properties\":{}}]},"
                + "\"properties\":{}}]}";
        assertThat(SCHEMA.toString()).isEqualTo(expected);
    }

    @Test
    void readsWhatItWrites() {
        assertThat(SchemaJson.fromJson(SCHEMA.json())).isEqualTo(SCHEMA);
    }

    @Test
    void ignoresPropertiesAndDefaultsMissingElementTypes() {
        String json = "{\"dataType\":\"struct\",\"properties\":{\"x\":\"1\"},\"fields\":[{\"name\":\"a\",\"container\":"
                + "{\"dataType\":\"array\",\"properties\":{}},\"properties\":{\"y\":2}}]}";
        assertThat(SchemaJson.fromJson(json)).isEqualTo(StructType.of(new Field("a", new ArrayType(AtomicType.UNKNOWN))));
    }

    @Test
    void unknownTypeNameIsRejectedNamingIt() {
        assertThatThrownBy(() -> SchemaJson.fromJson("{\"dataType\":\"varchar\",\"properties\":{}}"))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Unknown Glue type in schema JSON: varchar");
    }
}
