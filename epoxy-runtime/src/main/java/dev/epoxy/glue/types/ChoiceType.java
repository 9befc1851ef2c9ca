package dev.epoxy.glue.types;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Glue {@code choice}: the records disagree about a field's type. At most one alternative per type
 * name; alternatives are kept sorted by type name, which is also the order of the struct fields
 * that represent the choice in Spark (see {@link SparkTypes}).
 */
public record ChoiceType(List<GlueType> choices) implements GlueType {
    public ChoiceType {
        requireNonNull(choices, "choices is null");
        List<GlueType> sorted = new ArrayList<>(choices);
        sorted.sort(Comparator.comparing(GlueType::typeName));
        Set<String> names = new HashSet<>();
        for (GlueType choice : sorted) {
            if (choice instanceof ChoiceType) {
                throw invalidInput("A choice cannot contain another choice: %s", choices);
            }
            if (!names.add(choice.typeName())) {
                throw invalidInput("Attempting to insert duplicate choice: %s", choice.typeName());
            }
        }
        choices = List.copyOf(sorted);
    }

    public static ChoiceType of(GlueType... choices) {
        return new ChoiceType(List.of(choices));
    }

    /** The alternative with this type name, if any. */
    public Optional<GlueType> choice(String typeName) {
        return choices.stream().filter(choice -> choice.typeName().equals(typeName)).findFirst();
    }

    @Override
    public String typeName() {
        return "choice";
    }

    @Override
    public boolean needsGlueMetadata() {
        return true;
    }
}
