package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.RunnableCommand;
import scala.Enumeration;
import scala.collection.IndexedSeq;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * A Spark command that does its work through the Glue API (CTAS, INSERT, CREATE TABLE, MSCK REPAIR TABLE on
 * Glue tables). One Java class stands for all of them, each with its own {@link Action}, so that the Scala
 * plumbing of a logical plan node is written once. It has no children: the query of a write is run by the
 * action itself, already analyzed.
 */
final class GlueCommand extends LogicalPlan implements RunnableCommand {
    /** What the command does when it runs. */
    @FunctionalInterface
    interface Action {
        List<Row> run(SparkSession spark);
    }

    private final String description;
    private final Action action;

    private Seq<Enumeration.Value> nodePatterns;

    GlueCommand(String description, Action action) {
        this.description = requireNonNull(description, "description is null");
        this.action = requireNonNull(action, "action is null");
        // What scalac emits for a class mixing in these traits: their initialisers set the trait fields.
        Command.$init$(this);
        RunnableCommand.$init$(this);
    }

    @Override
    public void org$apache$spark$sql$catalyst$plans$logical$Command$_setter_$nodePatterns_$eq(Seq<Enumeration.Value> patterns) {
        this.nodePatterns = patterns;
    }

    @Override
    public Seq<Enumeration.Value> nodePatterns() {
        return nodePatterns;
    }

    @Override
    public Seq<Row> run(SparkSession spark) {
        return JavaConverters.asScalaBuffer(action.run(spark)).toList();
    }

    @Override
    public Seq<Attribute> output() {
        return JavaConverters.asScalaBuffer(new ArrayList<Attribute>()).toList();
    }

    @Override
    public Seq<LogicalPlan> children() {
        return JavaConverters.asScalaBuffer(new ArrayList<LogicalPlan>()).toList();
    }

    @Override
    public LogicalPlan withNewChildrenInternal(IndexedSeq<LogicalPlan> newChildren) {
        return this;
    }

    @Override
    public String nodeName() {
        return "GlueCatalogCommand";
    }

    @Override
    public String simpleString(int maxFields) {
        return nodeName() + " " + description;
    }

    @Override
    public String verboseString(int maxFields) {
        return simpleString(maxFields);
    }

    @Override
    public int productArity() {
        return 0;
    }

    @Override
    public Object productElement(int n) {
        throw new IndexOutOfBoundsException(String.valueOf(n));
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof GlueCommand;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
