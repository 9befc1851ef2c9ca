package dev.epoxy.glue.types;

import static dev.epoxy.glue.types.AtomicType.INT;
import static dev.epoxy.glue.types.AtomicType.LONG;
import static dev.epoxy.glue.types.AtomicType.NULL;
import static dev.epoxy.glue.types.AtomicType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestSchemaPrinter {
    @Test
    void printsGluesTreeFormat() {
        StructType schema = StructType.of(
                new Field("family_name", STRING),
                new Field("links", new ArrayType(StructType.of(new Field("note", STRING), new Field("url", STRING)))),
                new Field("provider id", ChoiceType.of(STRING, LONG)),
                new Field("address", StructType.of(new Field("state", STRING), new Field("zip", INT))),
                new Field("pears", NULL),
                new Field("scores", new MapType(LONG)),
                new Field("price", new DecimalType(10, 2)));
        assertThat(schema.treeString()).isEqualTo(String.join("\n",
                "root",
                "|-- family_name: string",
                "|-- links: array",
                "|    |-- element: struct",
                "|    |    |-- note: string",
                "|    |    |-- url: string",
                "|-- provider id: choice",
                "|    |-- long",
                "|    |-- string",
                "|-- address: struct",
                "|    |-- state: string",
                "|    |-- zip: int",
                "|-- pears: null",
                "|-- scores: map",
                "|    |-- value: long",
                "|-- price: decimal",
                ""));
    }

    @Test
    void choiceOfStructsPrintsTheStructsFields() {
        StructType schema = StructType.of(new Field("x", ChoiceType.of(LONG, StructType.of(new Field("a", STRING)))));
        assertThat(schema.treeString()).isEqualTo("root\n|-- x: choice\n|    |-- long\n|    |-- struct\n|    |    |-- a: string\n");
    }
}
