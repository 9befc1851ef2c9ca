package dev.epoxy.spark.catalog.read;

import java.util.List;
import java.util.Map;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The few Java↔Scala conversions that calling Spark's internal file-source API from Java needs. */
final class Scala {
    private Scala() {}

    static <T> Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toList();
    }

    static <T> List<T> list(Seq<T> seq) {
        return List.copyOf(JavaConverters.seqAsJavaList(seq));
    }

    static scala.collection.immutable.Map<String, String> map(Map<String, String> map) {
        scala.collection.immutable.Map<String, String> result = scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            result = result.$plus(new Tuple2<>(entry.getKey(), entry.getValue()));
        }
        return result;
    }

    static <T> Option<T> some(T value) {
        return Option.apply(value);
    }

    static <T> Option<T> none() {
        return Option.empty();
    }
}
