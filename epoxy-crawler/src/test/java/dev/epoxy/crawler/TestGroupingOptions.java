package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TestGroupingOptions {
    private static GroupingOptions parse(String configuration) {
        return GroupingOptions.parse(Optional.of(configuration));
    }

    @Test
    void noConfigurationOrNoGroupingMeansDefaults() {
        assertThat(GroupingOptions.parse(Optional.empty())).isEqualTo(new GroupingOptions(false, OptionalInt.empty()));
        assertThat(parse(" ")).isEqualTo(GroupingOptions.defaults());
        assertThat(parse("{\"Version\":1.0,\"CrawlerOutput\":{\"Partitions\":{\"AddOrUpdateBehavior\":\"InheritFromTable\"}}}"))
                .isEqualTo(GroupingOptions.defaults());
    }

    @Test
    void combineCompatibleSchemas() {
        assertThat(parse("{\"Version\":1.0,\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\"}}"))
                .isEqualTo(new GroupingOptions(true, OptionalInt.empty()));
    }

    @Test
    void tableLevelAndPolicyTogether() {
        assertThat(parse("{\"Version\":1.0,\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\",\"TableLevelConfiguration\":2}}"))
                .isEqualTo(new GroupingOptions(true, OptionalInt.of(2)));
        assertThat(parse("{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":4}}")).isEqualTo(new GroupingOptions(false, OptionalInt.of(4)));
    }

    @Test
    void badGroupingMembersFailNamingThem() {
        assertThatThrownBy(() -> parse("{\"Grouping\":{\"TableGroupingPolicy\":\"Whatever\"}}"))
                .isInstanceOf(CrawlException.class)
                .hasMessage("Invalid crawler Configuration: Grouping.TableGroupingPolicy \"Whatever\" (the one policy is \"CombineCompatibleSchemas\")");
        assertThatThrownBy(() -> parse("{\"Grouping\":{\"TableLevelConfiguration\":0}}"))
                .isInstanceOf(CrawlException.class)
                .hasMessage("Invalid crawler Configuration: Grouping.TableLevelConfiguration 0 (a positive integer: the bucket is level 1)");
        assertThatThrownBy(() -> parse("{\"Grouping\":{\"TableLevelConfiguration\":2.5}}"))
                .isInstanceOf(CrawlException.class)
                .hasMessageStartingWith("Invalid crawler Configuration: Grouping.TableLevelConfiguration 2.5");
        assertThatThrownBy(() -> parse("{\"Grouping\":[]}"))
                .isInstanceOf(CrawlException.class)
                .hasMessage("Invalid crawler Configuration: Grouping must be an object");
        assertThatThrownBy(() -> parse("{not json"))
                .isInstanceOf(CrawlException.class)
                .hasMessageStartingWith("Invalid crawler Configuration: not a JSON object");
    }
}
