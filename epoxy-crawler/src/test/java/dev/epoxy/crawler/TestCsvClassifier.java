package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCsvClassifier {
    @Test
    void headerOfStringsAboveTypedDataIsDetected() {
        Optional<CsvFormat> format = CsvClassifier.classify(List.of("name,age", "ada,36", "alan,41"));
        assertThat(format).contains(new CsvFormat(',', true, List.of("name", "age")));
    }

    @Test
    void firstRowIsDataWhenEveryColumnIsAString() {
        // Glue: with all columns STRING the header is not sufficiently different from the data.
        assertThat(CsvClassifier.classify(List.of("alpha,beta", "gamma,delta"))).contains(new CsvFormat(',', false, List.of()));
    }

    @Test
    void firstRowWithANumberIsNoHeader() {
        assertThat(CsvClassifier.classify(List.of("name,2020", "ada,36"))).contains(new CsvFormat(',', false, List.of()));
    }

    @Test
    void emptyHeaderColumnMeansNoHeader() {
        assertThat(CsvClassifier.classify(List.of("name,", "ada,36"))).contains(new CsvFormat(',', false, List.of()));
    }

    @Test
    void headerColumnOf150CharactersMeansNoHeaderUnlessLast() {
        String longName = "n".repeat(150);
        assertThat(CsvClassifier.classify(List.of(longName + ",age", "ada,36")).orElseThrow().hasHeader()).isFalse();
        assertThat(CsvClassifier.classify(List.of("age," + longName, "36,ada")).orElseThrow().hasHeader()).isTrue();
    }

    @Test
    void otherDelimitersAreFoundInGluesOrder() {
        assertThat(CsvClassifier.classify(List.of("a|b|c", "1|2|3")).orElseThrow().delimiter()).isEqualTo('|');
        assertThat(CsvClassifier.classify(List.of("a\tb", "1\t2")).orElseThrow().delimiter()).isEqualTo('\t');
        assertThat(CsvClassifier.classify(List.of("a;b", "1;2")).orElseThrow().delimiter()).isEqualTo(';');
        assertThat(CsvClassifier.classify(List.of("a\u0001b", "1\u00012")).orElseThrow().delimiter()).isEqualTo('\u0001');
    }

    @Test
    void quotedDelimitersDoNotSplit() {
        assertThat(CsvClassifier.split("\"a,b\",c,\"say \"\"hi\"\"\"", ',')).containsExactly("a,b", "c", "say \"hi\"");
    }

    @Test
    void rowsOfDifferentWidthsOrOneColumnAreNotCsv() {
        assertThat(CsvClassifier.classify(List.of("a,b,c", "1,2"))).isEmpty();
        assertThat(CsvClassifier.classify(List.of("just words", "more words"))).isEmpty();
    }

    @Test
    void booleansAndNumbersAreNotStrings() {
        assertThat(CsvClassifier.isString("true")).isFalse();
        assertThat(CsvClassifier.isString("-1.5e3")).isFalse();
        assertThat(CsvClassifier.isString("\"42\"")).isFalse();
        assertThat(CsvClassifier.isString("NaN")).isTrue();
        assertThat(CsvClassifier.isString("ada")).isTrue();
    }
}
