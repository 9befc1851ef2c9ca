package dev.epoxy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import org.junit.jupiter.api.Test;

class TestSessionLanguage {
    @Test
    void parsesTheKernelsValuesIgnoringCaseAndBlanks() {
        assertThat(SessionLanguage.fromArgument("python")).isEqualTo(SessionLanguage.PYTHON);
        assertThat(SessionLanguage.fromArgument(" Scala ")).isEqualTo(SessionLanguage.SCALA);
        assertThat(SessionLanguage.SCALA.argumentValue()).isEqualTo("scala");
    }

    @Test
    void rejectsAnUnknownLanguageNamingIt() {
        assertThatThrownBy(() -> SessionLanguage.fromArgument("cobol"))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessage("Invalid --session-language in DefaultArguments: cobol (expected one of python, scala)");
    }
}
