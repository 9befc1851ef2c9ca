package dev.epoxy.cli.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestPythonLiteral {
    private static Object parse(String text) {
        return PythonLiteral.parse(text);
    }

    @Test
    void dictsKeepTheirOrderAndLaterKeysWin() {
        Object value = parse("{'b': 1, \"a\": 2, 'b': 3}");

        assertThat(value).isEqualTo(Map.of("b", BigInteger.valueOf(3), "a", BigInteger.valueOf(2)));
        // Python's order: first insertion of each key.
        assertThat(value).hasToString("{b=3, a=2}");
    }

    @Test
    void scalars() {
        assertThat(parse("True")).isEqualTo(true);
        assertThat(parse("False")).isEqualTo(false);
        assertThat(parse("None")).isSameAs(PythonLiteral.NONE);
        assertThat(parse("42")).isEqualTo(BigInteger.valueOf(42));
        assertThat(parse("-7")).isEqualTo(BigInteger.valueOf(-7));
        assertThat(parse("1_000")).isEqualTo(BigInteger.valueOf(1000));
        assertThat(parse("0x1F")).isEqualTo(BigInteger.valueOf(31));
        assertThat(parse("0o17")).isEqualTo(BigInteger.valueOf(15));
        assertThat(parse("0b101")).isEqualTo(BigInteger.valueOf(5));
        assertThat(parse("2.5")).isEqualTo(2.5);
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("1e3")).isEqualTo(1000.0);
        assertThat(parse("-1.5e-2")).isEqualTo(-0.015);
    }

    @Test
    void stringsInEveryQuotingPythonAllows() {
        assertThat(parse("'single'")).isEqualTo("single");
        assertThat(parse("\"double\"")).isEqualTo("double");
        assertThat(parse("'''triple\nline'''")).isEqualTo("triple\nline");
        assertThat(parse("\"a\" 'b'")).isEqualTo("ab");
        assertThat(parse("'tab\\there \\'quoted\\' \\\\ \\x41\\u00e9 \\101'")).isEqualTo("tab\there 'quoted' \\ A\u00e9 A");
        assertThat(parse("r'C:\\new\\x'")).isEqualTo("C:\\new\\x");
        assertThat(parse("'unknown \\d escape'")).isEqualTo("unknown \\d escape");
        assertThat(parse("u'unicode'")).isEqualTo("unicode");
    }

    @Test
    void containers() {
        assertThat(parse("[1, 'a', [True]]")).isEqualTo(List.of(BigInteger.ONE, "a", List.of(true)));
        assertThat(parse("('x', 'y',)")).isEqualTo(List.of("x", "y"));
        assertThat(parse("('x')")).isEqualTo("x");
        assertThat(parse("()")).isEqualTo(List.of());
        assertThat(parse("{'a', 'b'}")).isEqualTo(Set.of("a", "b"));
        assertThat(parse("{}")).isEqualTo(Map.of());
        assertThat(parse("[]")).isEqualTo(List.of());
    }

    @Test
    void blankLinesCommentsAndContinuations() {
        Object value = parse("\n  # leading comment\n{\n  'a': 1,  # one\n  'b': [\n 2,\n ],\n}\n\n# trailing\n");

        assertThat(value).isEqualTo(Map.of("a", BigInteger.ONE, "b", List.of(BigInteger.TWO)));
        assertThat(parse("{'a': \\\n 1}")).isEqualTo(Map.of("a", BigInteger.ONE));
    }

    @Test
    void whatLiteralEvalRefuses() {
        assertThatThrownBy(() -> parse("{'a': true}"))
                .hasMessage("'true' is not a Python literal (write True, False or None) (line 1, column 7)");
        assertThatThrownBy(() -> parse("{'a': os.environ}"))
                .hasMessage("'os' is not a literal (names and expressions are not evaluated) (line 1, column 7)");
        assertThatThrownBy(() -> parse("f'x'")).hasMessage("f-strings are not literals (line 1, column 1)");
        assertThatThrownBy(() -> parse("{'a': 1} {'b': 2}")).hasMessage("unexpected '{' after the value (line 1, column 10)");
        assertThatThrownBy(() -> parse("{'a': 1}\n{'b': 2}")).hasMessage("more than one value (a new line starts after the value) (line 1, column 9)");
        assertThatThrownBy(() -> parse("{'a': 1")).hasMessage("'}' expected, the literal ends early (line 1, column 8)");
        assertThatThrownBy(() -> parse("{'a' 1}")).hasMessage("':' expected, found '1' (line 1, column 6)");
        assertThatThrownBy(() -> parse("'open")).hasMessage("the string is not closed (line 1, column 1)");
        assertThatThrownBy(() -> parse("'a\nb'")).hasMessage("the string is not closed on its line (line 1, column 1)");
        assertThatThrownBy(() -> parse("007")).hasMessage("leading zeros in a decimal integer are not permitted in Python (line 1, column 1)");
        assertThatThrownBy(() -> parse("1j")).hasMessage("complex numbers are not supported (line 1, column 2)");
        assertThatThrownBy(() -> parse("{[1]: 2}")).hasMessage("a list, dict or set cannot be a dict key or set member (line 1, column 2)");
        assertThatThrownBy(() -> parse("   ")).hasMessage("no value (line 1, column 4)");
    }

    @Test
    void strIsWhatPythonPrints() {
        assertThat(PythonLiteral.str("text")).isEqualTo("text");
        assertThat(PythonLiteral.str(true)).isEqualTo("True");
        assertThat(PythonLiteral.str(PythonLiteral.NONE)).isEqualTo("None");
        assertThat(PythonLiteral.str(BigInteger.valueOf(-3))).isEqualTo("-3");
        assertThat(PythonLiteral.str(5.0)).isEqualTo("5.0");
        assertThat(PythonLiteral.str(0.1)).isEqualTo("0.1");
        assertThat(PythonLiteral.str(1000.0)).isEqualTo("1000.0");
        assertThat(PythonLiteral.str(1e16)).isEqualTo("1e+16");
        assertThat(PythonLiteral.str(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(PythonLiteral.str(List.of())).isNull();
    }
}
