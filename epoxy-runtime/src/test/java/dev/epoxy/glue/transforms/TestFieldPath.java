package dev.epoxy.glue.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.DecimalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFieldPath {
    @Test
    void splitsOnDotsOutsideBackticks() {
        FieldPath path = FieldPath.parse("a.`b.c`.d");
        assertThat(path.names()).containsExactly("a", "b.c", "d");
        assertThat(path.segments()).noneMatch(FieldPath.Segment::array);
    }

    @Test
    void marksArraySegments() {
        FieldPath path = FieldPath.parse("items[].price");
        assertThat(path.segments()).containsExactly(new FieldPath.Segment("items", true), new FieldPath.Segment("price", false));
    }

    @Test
    void rejectsEmptyNamesAndUnclosedBackticks() {
        assertThatThrownBy(() -> FieldPath.parse("a..b")).isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Invalid field path (empty name): 'a..b'");
        assertThatThrownBy(() -> FieldPath.parse("`a.b")).hasMessage("Invalid field path (unclosed backtick): '`a.b'");
    }

    @Test
    void quotesNamesWithDots() {
        assertThat(FieldPath.of(List.of("a.b", "c")).text()).isEqualTo("`a.b`.c");
    }

    @Test
    void typeNamesAcceptGlueNamesHiveAliasesAndAnyCase() {
        assertThat(GlueTypeNames.parse("BIGINT")).contains(AtomicType.LONG);
        assertThat(GlueTypeNames.parse("Integer")).contains(AtomicType.INT);
        assertThat(GlueTypeNames.parse("smallint")).contains(AtomicType.SHORT);
        assertThat(GlueTypeNames.parse("tinyint")).contains(AtomicType.BYTE);
        assertThat(GlueTypeNames.parse("varchar(20)")).contains(AtomicType.STRING);
        assertThat(GlueTypeNames.parse("decimal(7, 2)")).contains(new DecimalType(7, 2));
        assertThat(GlueTypeNames.parse("decimal")).contains(DecimalType.defaultDecimal());
        assertThat(GlueTypeNames.parse("decimal(40,2)")).isEmpty();
        assertThat(GlueTypeNames.parse("varchar2")).isEmpty();
        assertThat(GlueTypeNames.isComplex("struct")).isTrue();
    }
}
