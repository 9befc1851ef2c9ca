// Glue's Scala API, spelled as Glue scripts use it, over Epoxy's Java runtime (dev.epoxy.glue).
// Compiled when Epoxy is built (epoxy-glue-scala/pom.xml) and on every Scala driver's class path: Java
// methods cannot take Scala's named and default arguments, so these thin classes add them and delegate. Written
// from AWS's public API documentation of the Glue Scala library, clean room (no AWS code).

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

    /**
     * ResolveChoice: specs are (path, action) pairs (tuples or ResolveSpec), actions cast:TYPE,
     * project:TYPE, make_cols, make_struct; choiceOption applies to every choice not listed, and
     * ChoiceOption("match_catalog") with database and tableName casts to the catalog table's types.
     */
    def resolveChoice(specs: Seq[Product] = Seq.empty, choiceOption: Option[ChoiceOption] = None,
        database: Option[String] = None, tableName: Option[String] = None, transformationContext: String = "",
        stageThreshold: Long = 0, totalThreshold: Long = 0, catalogId: Option[String] = None): DynamicFrame =
      new DynamicFrame(underlying.resolveChoice(jsonList(specs.map(_.productIterator.toList)), choiceOption.map(_.choice).orNull,
        database.orNull, tableName.orNull, transformationContext, callSite, stageThreshold, totalThreshold, catalogId.orNull))

    /** An inner equi-join of this frame's keys1 with frame2's keys2. */
    def join(keys1: Seq[String], keys2: Seq[String], frame2: DynamicFrame, transformationContext: String = "",
        stageThreshold: Long = 0, totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.join(jsonList(keys1), jsonList(keys2), frame2.underlying, transformationContext, callSite,
        stageThreshold, totalThreshold))

    /** The records of this frame and other, schemas merged by name. */
    def union(other: DynamicFrame, transformationContext: String = "", stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.union(other.underlying, transformationContext, callSite, stageThreshold, totalThreshold))

    /** Flattens nested structs and pivots arrays into their own frames: the root frame first, then one per array. */
    def relationalize(rootTableName: String, stagingPath: String, options: JsonOptions = JsonOptions.empty,
        transformationContext: String = "", stageThreshold: Long = 0, totalThreshold: Long = 0): Seq[DynamicFrame] = {
      import scala.collection.JavaConverters._
      underlying.relationalize(rootTableName, stagingPath, options.json, transformationContext, callSite, stageThreshold,
        totalThreshold).asScala.map(new DynamicFrame(_)).toList
    }

    def unnest(transformationContext: String = "", stageThreshold: Long = 0, totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.unnest(transformationContext, callSite, stageThreshold, totalThreshold))

    def dropNulls(transformationContext: String = "", stageThreshold: Long = 0, totalThreshold: Long = 0): DynamicFrame =
      new DynamicFrame(underlying.dropNullFields(transformationContext, callSite, stageThreshold, totalThreshold))

    /**
     * The records for which f is true. A record on which f throws becomes an error record with
     * errorMsg (or the exception's message), counted against the thresholds, as Glue does.
     */
    def filter(f: DynamicRecord => Boolean, errorMsg: String = "", transformationContext: String = "",
        stageThreshold: Long = 0, totalThreshold: Long = 0): DynamicFrame = {
      import org.apache.spark.sql.functions.{col, struct, udf}
      val dataset = underlying.dataset()
      val schema = dataset.schema
      val verdict = udf(DynamicRecord.verdict(f, errorMsg, schema))
      val column = "__epoxy_verdict"
      val judged = dataset.withColumn(column, verdict(struct(dataset.columns.map(name => col(dev.epoxy.glue.DynamicFrame.quote(name))): _*)))
        .withColumn(column, struct(col(column + "._1").as("keep"), col(column + "._2").as("error"), col(column + "._3").as("record")))
      new DynamicFrame(underlying.pyFilterResult(judged, column, transformationContext, callSite, stageThreshold, totalThreshold))
    }

    /**
     * Each record through f, which may change, add and drop fields of the record it is given (and
     * return it) or return a new one; the result's schema is inferred from the records. A record on
     * which f throws becomes an error record.
     */
    def map(f: DynamicRecord => DynamicRecord, errorMsg: String = "", transformationContext: String = "",
        stageThreshold: Long = 0, totalThreshold: Long = 0): DynamicFrame = {
      val frame = underlying
      val schema = frame.dataset().schema
      // Inference and encoding both read the records: persisted, so that f runs once per record.
      val records = frame.dataset().javaRDD.map(DynamicRecord.mapping(f, errorMsg, schema))
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK)
      val stage = dev.epoxy.glue.StageContext.of(transformationContext, callSite, stageThreshold, totalThreshold)
      val parsed = dev.epoxy.glue.record.RecordFrames.fromRecords(frame.glueContext(), records, java.util.Optional.empty(),
        frame.name(), stage, "")
      new DynamicFrame(frame.derive(parsed.dataset(), parsed.errorLog().lastStage().errors().orElseThrow(), stage))
    }

    override def toString: String = underlying.toString
  }

  /** The action ResolveChoice applies to every choice its specs do not name: cast:TYPE, project:TYPE, make_cols, make_struct, match_catalog. */
  case class ChoiceOption(choice: String)

  /** One ResolveChoice spec: a path and its action. */
  case class ResolveSpec(path: String, action: String)

  /**
   * One record of a DynamicFrame, as filter and map functions see it: its fields by name, nested
   * structs as records, arrays as Seqs. getField takes a dotted path into nested records.
   */
  class DynamicRecord private[glue] (private[glue] val fields: java.util.LinkedHashMap[String, Any]) extends Serializable {
    def this() = this(new java.util.LinkedHashMap[String, Any]())

    def getField(path: String): Option[Any] = {
      val parts = path.split('.')
      var current: Any = fields
      for (part <- parts) {
        current = current match {
          case map: java.util.Map[_, _] if map.containsKey(part) => map.get(part)
          case _ => return None
        }
      }
      Option(current).map(DynamicRecord.toScala)
    }

    def getFieldNames: Seq[String] = { import scala.collection.JavaConverters._; fields.keySet.asScala.toList }

    /** Sets (or adds) a top-level field, or a field of a nested record when the path has dots. */
    def setField(path: String, value: Any): DynamicRecord = {
      val parts = path.split('.')
      var target: java.util.Map[String, Any] = fields
      for (part <- parts.init) {
        target = target.get(part) match {
          case nested: java.util.Map[_, _] => nested.asInstanceOf[java.util.Map[String, Any]]
          case _ =>
            val created = new java.util.LinkedHashMap[String, Any]()
            target.put(part, created)
            created
        }
      }
      target.put(parts.last, DynamicRecord.toJava(value))
      this
    }

    def addField(path: String, value: Any): DynamicRecord = setField(path, value)

    def dropField(path: String): DynamicRecord = {
      val parts = path.split('.')
      var target: Any = fields
      for (part <- parts.init) {
        target = target match {
          case map: java.util.Map[_, _] => map.get(part)
          case _ => null
        }
      }
      target match {
        case map: java.util.Map[_, _] => map.remove(parts.last)
        case _ =>
      }
      this
    }

    override def toString: String = util.JsonOptions.toJson(DynamicRecord.toScala(fields))
  }

  object DynamicRecord {
    import org.apache.spark.sql.Row
    import org.apache.spark.sql.types.{ArrayType, MapType, StructType => SparkStruct}

    private[glue] def of(row: Row, schema: SparkStruct): DynamicRecord = new DynamicRecord(fieldsOf(row, schema))

    private def errorMessage(errorMsg: String, e: Exception): String =
      if (errorMsg != null && errorMsg.nonEmpty) errorMsg else s"${e.getClass.getName}: ${e.getMessage}"

    // Built here, not in DynamicFrame's methods, so that the closures Spark ships capture only f and its arguments.
    private[glue] def verdict(f: DynamicRecord => Boolean, errorMsg: String, schema: SparkStruct): Row => (Boolean, String, String) =
      (row: Row) => {
        val record = of(row, schema)
        val shown = record.toString // before f, which may change the record
        try { (f(record), null: String, null: String) }
        catch { case e: Exception => (false, errorMessage(errorMsg, e), shown) }
      }

    private[glue] def mapping(f: DynamicRecord => DynamicRecord, errorMsg: String, schema: SparkStruct)
        : org.apache.spark.api.java.function.Function[Row, dev.epoxy.glue.record.ParsedRecord] =
      (row: Row) => {
        val record = of(row, schema)
        val shown = record.toString
        try {
          val result = f(record)
          if (result == null) dev.epoxy.glue.record.ParsedRecord.error("map function returned null", null, shown, null)
          else dev.epoxy.glue.record.ParsedRecord.of(result.fields)
        } catch { case e: Exception => dev.epoxy.glue.record.ParsedRecord.error(errorMessage(errorMsg, e), e, shown, null) }
      }

    private def fieldsOf(row: Row, schema: SparkStruct): java.util.LinkedHashMap[String, Any] = {
      val map = new java.util.LinkedHashMap[String, Any]()
      schema.fields.zipWithIndex.foreach { case (field, index) => map.put(field.name, valueOf(row.get(index), field.dataType)) }
      map
    }

    private def valueOf(value: Any, dataType: org.apache.spark.sql.types.DataType): Any = (value, dataType) match {
      case (null, _) => null
      case (row: Row, struct: SparkStruct) => fieldsOf(row, struct)
      case (seq: scala.collection.Seq[_], array: ArrayType) =>
        val list = new java.util.ArrayList[Any]()
        seq.foreach(item => list.add(valueOf(item, array.elementType)))
        list
      case (map: scala.collection.Map[_, _], mapType: MapType) =>
        val out = new java.util.LinkedHashMap[String, Any]()
        map.foreach { case (k, v) => out.put(String.valueOf(k), valueOf(v, mapType.valueType)) }
        out
      case (other, _) => other
    }

    /** A value a user function hands in (Scala collections, records) as the runtime's Java values. */
    private[glue] def toJava(value: Any): Any = value match {
      case record: DynamicRecord => record.fields
      case seq: scala.collection.Seq[_] =>
        val list = new java.util.ArrayList[Any]()
        seq.foreach(item => list.add(toJava(item)))
        list
      case map: scala.collection.Map[_, _] =>
        val out = new java.util.LinkedHashMap[String, Any]()
        map.foreach { case (k, v) => out.put(String.valueOf(k), toJava(v)) }
        out
      case int: Int => int.toLong // the runtime's integral type, as Python's ints
      case other => other
    }

    /** The runtime's Java values as a user function sees them: records, Seqs, plain values. */
    private[glue] def toScala(value: Any): Any = value match {
      case map: java.util.Map[_, _] =>
        import scala.collection.JavaConverters._
        scala.collection.immutable.ListMap(map.asScala.toSeq.map { case (k, v) => String.valueOf(k) -> toScala(v) }: _*)
      case list: java.util.List[_] =>
        import scala.collection.JavaConverters._
        list.asScala.map(toScala).toList
      case other => other
    }
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
