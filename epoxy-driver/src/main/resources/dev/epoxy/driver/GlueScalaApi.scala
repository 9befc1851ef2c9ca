// Glue's Scala API, spelled as Glue scripts use it, over Epoxy's Java runtime (dev.epoxy.glue).
// Compiled by the Scala session's REPL when it starts (see ScalaInterpreter): Java methods cannot
// take Scala's named and default arguments, so these thin classes add them and delegate. Written
// from the public API documentation (../shared/reference/awsglue-runtime.md), clean room.

package com.amazonaws.services.glue {

  import com.amazonaws.services.glue.util.JsonOptions
  import org.apache.spark.SparkContext
  import org.apache.spark.sql.{DataFrame, SparkSession}
  import org.apache.spark.sql.types.StructType

  /** Glue's entry point: sources, sinks and the SparkSession of one SparkContext. */
  class GlueContext(val underlying: dev.epoxy.glue.GlueContext) {
    def this(sc: SparkContext) = this(new dev.epoxy.glue.GlueContext(sc))
    def this(sc: SparkContext, minPartitions: Int, targetPartitions: Int) =
      this(new dev.epoxy.glue.GlueContext(sc, minPartitions, targetPartitions))

    def getSparkSession: SparkSession = underlying.getSparkSession
    def sparkSession: SparkSession = underlying.sparkSession

    def getCatalogSource(database: String, tableName: String, redshiftTmpDir: String = "", transformationContext: String = "",
        pushDownPredicate: String = "", additionalOptions: JsonOptions = JsonOptions.empty, catalogId: String = null): DataSource =
      new DataSource(underlying.getCatalogSource(database, tableName, redshiftTmpDir, transformationContext, pushDownPredicate,
        additionalOptions.json, catalogId))

    def getSource(connectionType: String, connectionOptions: JsonOptions = JsonOptions.empty, transformationContext: String = "",
        pushDownPredicate: String = ""): DataSource =
      new DataSource(underlying.getSource(connectionType, connectionOptions.json, transformationContext, pushDownPredicate))

    /** A source with its format; parquet and orc are read by Spark's own data sources, as on Glue. */
    def getSourceWithFormat(connectionType: String, options: JsonOptions, transformationContext: String = "", format: String = null,
        formatOptions: JsonOptions = JsonOptions.empty, pushDownPredicate: String = ""): DataSource = {
      val source = underlying.getSource(GlueContext.connectionTypeFor(connectionType, format), options.json, transformationContext,
        pushDownPredicate)
      if (format != null && !GlueContext.isSparkSqlFormat(format)) source.setFormat(format, formatOptions.json)
      new DataSource(source)
    }

    def getSink(connectionType: String, options: JsonOptions, transformationContext: String = ""): DataSink =
      new DataSink(underlying.getSink(connectionType, options.json, transformationContext))

    /** A sink with its format; parquet and orc are written by Spark's own data sources, as on Glue. */
    def getSinkWithFormat(connectionType: String, options: JsonOptions, transformationContext: String = "", format: String = null,
        formatOptions: JsonOptions = JsonOptions.empty): DataSink = {
      val sink = underlying.getSink(GlueContext.connectionTypeFor(connectionType, format), options.json, transformationContext)
      if (format != null && !GlueContext.isSparkSqlFormat(format)) sink.setFormat(format, formatOptions.json)
      new DataSink(sink)
    }

    def getCatalogSink(database: String, tableName: String, redshiftTmpDir: String = "", transformationContext: String = "",
        additionalOptions: JsonOptions = JsonOptions.empty, catalogId: String = null): DataSink =
      new DataSink(underlying.getCatalogSink(database, tableName, redshiftTmpDir, transformationContext, additionalOptions.json,
        catalogId))

    def getCatalogSchemaAsSparkSchema(database: String, tableName: String, catalogId: String = null): StructType =
      underlying.getCatalogSchemaAsSparkSchema(database, tableName, catalogId)

    def purgeS3Path(s3Path: String, options: JsonOptions = JsonOptions.empty, transformationContext: String = ""): Unit =
      underlying.purgeS3Path(s3Path, options.json, transformationContext)

    override def toString: String = underlying.toString
  }

  object GlueContext {
    private[glue] def isSparkSqlFormat(format: String): Boolean =
      dev.epoxy.glue.GlueContext.SPARK_SQL_FORMATS.contains(format.trim.toLowerCase(java.util.Locale.ROOT))

    private[glue] def connectionTypeFor(connectionType: String, format: String): String =
      if (format != null && isSparkSqlFormat(format)) format else connectionType
  }

  class DataSource(val underlying: dev.epoxy.glue.DataSource) {
    def getDynamicFrame(): DynamicFrame = new DynamicFrame(underlying.getDynamicFrame())
    def getDynamicFrame(minPartitions: Int, targetPartitions: Int): DynamicFrame =
      new DynamicFrame(underlying.getDynamicFrame(minPartitions, targetPartitions))
    def getDataFrame(): DataFrame = underlying.getDataFrame()
    def setFormat(format: String, options: JsonOptions = JsonOptions.empty): DataSource = {
      underlying.setFormat(format, options.json)
      this
    }
  }

  class DataSink(val underlying: dev.epoxy.glue.DataSink) {
    /** Writes the frame; returns the frame of its error records. */
    def writeDynamicFrame(frame: DynamicFrame): DynamicFrame = new DynamicFrame(underlying.writeDynamicFrame(frame.underlying))
    def setFormat(format: String, options: JsonOptions = JsonOptions.empty): DataSink = {
      underlying.setFormat(format, options.json)
      this
    }
    def setCatalogInfo(catalogDatabase: String, catalogTableName: String, catalogId: String = ""): Unit =
      underlying.setCatalogInfo(catalogDatabase, catalogTableName, catalogId)
    def setAccumulableSize(size: Int): Unit = underlying.setAccumulableSize(size)
  }

  /** A distributed collection of self-describing records. */
  class DynamicFrame(val underlying: dev.epoxy.glue.DynamicFrame) {
    private def callSite = new dev.epoxy.glue.CallSite("", "")
    private def jsonList(values: Seq[Any]): String = util.JsonOptions.toJson(values)

    def toDF(): DataFrame = underlying.toDF()
    def count: Long = underlying.count()
    def schema: dev.epoxy.glue.types.StructType = underlying.schema()
    def printSchema(): Unit = underlying.printSchema()
    def show(numRows: Int = 20): Unit = underlying.show(numRows)
    def getName: String = underlying.getName
    def name: String = underlying.name()
    def getNumPartitions: Int = underlying.getNumPartitions
    def repartition(numPartitions: Int): DynamicFrame = new DynamicFrame(underlying.repartition(numPartitions))
    def coalesce(numPartitions: Int): DynamicFrame = new DynamicFrame(underlying.coalesce(numPartitions))
    def errorsCount: Long = underlying.errorsCount()
    def errorsAsDynamicFrame: DynamicFrame = new DynamicFrame(underlying.errorsAsDynamicFrame())

    /**
     * Selects, renames, casts and (un)nests fields; each mapping is (source, target, target type)
     * or (source, source type, target, target type). Unmapped fields are dropped. Case-sensitive
     * by default, as Glue's Scala API (Python's default is not).
     */
    def applyMapping(mappings: Seq[Product], caseSensitive: Boolean = true, transformationContext: String = "",
        stageThreshold: Long = 0, totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.applyMapping(jsonList(mappings.map(_.productIterator.toList)), caseSensitive, transformationContext,
        callSite, stageThreshold, totalThreshold))

    def selectFields(paths: Seq[String], transformationContext: String = "", stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.selectFields(jsonList(paths), transformationContext, callSite, stageThreshold, totalThreshold))

    def dropFields(paths: Seq[String], transformationContext: String = "", stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.dropFields(jsonList(paths), transformationContext, callSite, stageThreshold, totalThreshold))

    def renameField(oldName: String, newName: String, transformationContext: String = "", stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.renameField(oldName, newName, transformationContext, callSite, stageThreshold, totalThreshold))

    override def toString: String = underlying.toString
  }

  object DynamicFrame {
    def apply(dataFrame: DataFrame, glueContext: GlueContext): DynamicFrame =
      new DynamicFrame(dev.epoxy.glue.DynamicFrame.apply(dataFrame, glueContext.underlying))
    def emptyDynamicFrame(glueContext: GlueContext): DynamicFrame =
      new DynamicFrame(dev.epoxy.glue.DynamicFrame.emptyDynamicFrame(glueContext.underlying))
  }

  package util {

    /** Options as one JSON object: {@code JsonOptions("""{"path": "s3://b/k"}""")} or {@code JsonOptions(Map("path" -> "s3://b/k"))}. */
    class JsonOptions(val json: String) extends Serializable {
      // Fails early, naming the text, on what is not a JSON object.
      dev.epoxy.glue.JsonOptions.parse(json)
      override def toString: String = json
    }

    object JsonOptions {
      private val mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        .registerModule(com.fasterxml.jackson.module.scala.DefaultScalaModule)

      val empty: JsonOptions = new JsonOptions("{}")
      def apply(json: String): JsonOptions = new JsonOptions(json)
      def apply(options: Map[String, Any]): JsonOptions = new JsonOptions(toJson(options))
      private[glue] def toJson(value: Any): String = mapper.writeValueAsString(value)
    }

    /** Job arguments: {@code --NAME value} pairs of {@code sysArgs}, as a Map of the names asked for. */
    object GlueArgParser {
      def getResolvedOptions(args: Array[String], options: Array[String]): Map[String, String] = {
        val given = args.sliding(2, 1).collect { case Array(key, value) if key.startsWith("--") => key.drop(2) -> value }.toMap
        val missing = options.filterNot(given.contains)
        if (missing.nonEmpty) throw new IllegalArgumentException("The following arguments are required: " + missing.map("--" + _).mkString(", "))
        options.map(name => name -> given(name)).toMap
      }
    }

    /** Job bookmarks: {@code Job.init(args("JOB_NAME"), glueContext, args.asJava)} then {@code Job.commit()}. */
    object Job {
      def init(jobName: String, glueContext: GlueContext, args: java.util.Map[String, String]): Unit =
        dev.epoxy.glue.job.Job.init(glueContext.getSparkSession, jobName, args.getOrDefault("JOB_RUN_ID", null))
      def init(jobName: String, glueContext: GlueContext): Unit = dev.epoxy.glue.job.Job.init(glueContext.getSparkSession, jobName, null)
      def commit(): Unit = dev.epoxy.glue.job.Job.commit()
    }
  }
}
