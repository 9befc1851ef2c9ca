package dev.epoxy.spark.catalog.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The {@code spark.sql.extensions} entry that completes {@link GlueSessionCatalog}: Glue tables read as file
 * source relations ({@link GlueRelationRule}), and writes, DDL and MSCK REPAIR TABLE go to Glue
 * ({@link GlueCommandRule}).
 */
public final class GlueCatalogExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    /** {@code spark.sql.catalog.spark_catalog} for a session whose catalog is the Glue Data Catalog. */
    public static final String SESSION_CATALOG_CLASS = GlueSessionCatalog.class.getName();
    /** The class to add to {@code spark.sql.extensions}. */
    public static final String EXTENSIONS_CLASS = GlueCatalogExtensions.class.getName();

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectResolutionRule(new AbstractFunction1<>() {
            @Override
            public GlueRelationRule apply(org.apache.spark.sql.SparkSession spark) {
                return new GlueRelationRule(spark);
            }
        });
        extensions.injectPostHocResolutionRule(new AbstractFunction1<>() {
            @Override
            public GlueCommandRule apply(org.apache.spark.sql.SparkSession spark) {
                return new GlueCommandRule(spark);
            }
        });
        return BoxedUnit.UNIT;
    }
}
