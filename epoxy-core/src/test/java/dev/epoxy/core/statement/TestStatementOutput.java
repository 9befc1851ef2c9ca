package dev.epoxy.core.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestStatementOutput {
    @Test
    void outputWithoutDisplayHasNone() {
        assertThat(StatementOutput.ok(1, "text").display()).isEmpty();
    }

    @Test
    void newTextKeepsTheDisplay() {
        StatementDisplay png = new StatementDisplay("image/png;base64", "iVBORw0KGgo=");
        StatementOutput output = StatementOutput.ok(1, "plotted").withDisplay(png).withTextPlain("notice\nplotted");
        assertThat(output.textPlain()).contains("notice\nplotted");
        assertThat(output.display()).isEqualTo(Optional.of(png));
    }
}
