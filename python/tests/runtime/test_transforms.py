"""The transforms through the Python API on a plain local PySpark (issue 3, item 4 and its bad input)."""

import datetime
import decimal
import glob
import json
import os

import pytest
from pyspark.sql import Row

from awsglue import gluetypes
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
from awsglue.transforms import *  # noqa: F401,F403 - the way Glue scripts import them
import awsglue.transforms as transforms


def frame_of(glue_context, rows, name="input"):
    return DynamicFrame.fromDF(glue_context.spark_session.createDataFrame(rows), glue_context, name)


def json_frame(glue_context, tmp_path, records, name="records.json"):
    """A frame read from JSON lines, so records may disagree (choices)."""
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n")
    return glue_context.create_dynamic_frame.from_options("s3", {"paths": [str(path)]}, format="json")


def records(frame):
    """Records as dicts without null values, sorted, for comparisons."""
    result = []
    for row in frame.toDF().collect():
        result.append({key: value for key, value in row.asDict(recursive=True).items() if value is not None})
    return sorted(result, key=lambda record: json.dumps(record, sort_keys=True, default=str))


def tree(frame, capsys):
    capsys.readouterr()
    frame.printSchema()
    return capsys.readouterr().out


# ---- awsglue.transforms ---------------------------------------------------------------------------

def test_transforms_module_exports_the_22_transforms():
    expected = ["Unbox", "RenameField", "DropFields", "SplitFields", "SelectFields", "SplitRows", "UnnestFrame",
                "Relationalize", "SelectFromCollection", "MapToCollection", "ErrorsAsDynamicFrame", "FlatMap",
                "DropNullFields", "Join", "ApplyMapping", "Repartition", "ResolveChoice", "Spigot", "Filter", "Map",
                "Coalesce", "Union"]
    assert [t.__name__ for t in transforms.ALL_TRANSFORMS] == expected
    for name in expected + ["GlueTransform"]:
        assert name in transforms.__all__
        assert name in globals()
    assert transforms.get_transform("applymapping") is ApplyMapping
    assert transforms.get_transform("nope") is None
    described = json.loads(transforms.describe_transform("ResolveChoice"))["transform"]
    assert described["name"] == "ResolveChoice"
    assert described["location"] == "internal"
    assert [arg["name"] for arg in described["args"]][:3] == ["frame", "specs", "choice"]
    assert len(transforms.get_transforms()) == 22


# ---- ApplyMapping ---------------------------------------------------------------------------------

SEED_MAPPINGS = [
    ("order_id", "string", "order_id", "string"),
    ("customer_id", "string", "customer_id", "long"),
    ("order_date", "string", "order_date", "date"),
    ("total_amount", "string", "total_amount", "decimal(10,2)"),
    ("status", "string", "order_status", "string"),
    ("region", "string", "region", "string"),
]


def test_apply_mapping_casts_renames_and_drops_unmapped_fields(glue_context, capsys):
    rows = [Row(order_id="o%d" % i, customer_id=str(100 + i), order_date="2026-01-%02d" % (i + 1),
                total_amount="%d.5" % i, status="NEW", region="eu", extra="x") for i in range(5)]
    mapped = ApplyMapping.apply(frame=frame_of(glue_context, rows), mappings=SEED_MAPPINGS)

    assert tree(mapped, capsys) == ("root\n|-- order_id: string\n|-- customer_id: long\n|-- order_date: date\n"
                                   "|-- total_amount: decimal\n|-- order_status: string\n|-- region: string\n")
    expected = sorted([{"order_id": r.order_id, "customer_id": int(r.customer_id),
                        "order_date": datetime.date.fromisoformat(r.order_date),
                        "total_amount": decimal.Decimal(r.total_amount).quantize(decimal.Decimal("0.01")),
                        "order_status": r.status, "region": r.region} for r in rows], key=lambda r: r["order_id"])
    assert sorted([r.asDict() for r in mapped.toDF().collect()], key=lambda r: r["order_id"]) == expected
    assert mapped.errorsCount() == 0


def test_apply_mapping_turns_uncastable_values_into_error_records(glue_context):
    rows = [Row(id="1", day="2026-01-02"), Row(id="abc", day="2026-01-03"), Row(id="3", day="2026-13-45")]
    mapped = frame_of(glue_context, rows).apply_mapping([("id", "string", "id", "long"), ("day", "string", "day", "date")])

    assert records(mapped) == [{"id": 1, "day": datetime.date(2026, 1, 2)}]
    assert mapped.count() == 1
    assert mapped.errorsCount() == 2
    messages = sorted(row.error.msg for row in mapped.errorsAsDynamicFrame().toDF().collect())
    assert messages == ["ApplyMapping ('day', 'string', 'day', 'date'): cannot cast 2026-13-45 to date",
                        "ApplyMapping ('id', 'string', 'id', 'long'): cannot cast abc to long"]


def test_apply_mapping_nests_unnests_and_reads_backticked_names(glue_context, capsys):
    rows = [Row(address=Row(state="WA", zip="98101"), **{"a.b": "dotted", "Name": "Ann"})]
    mapped = frame_of(glue_context, rows).applyMapping([
        ("address.state", "string", "state", "string"),
        ("`a.b`", "string", "plain", "string"),
        ("name", "string", "person.name", "string"),
        ("address.zip", "string", "person.zip", "int"),
    ])
    assert tree(mapped, capsys) == ("root\n|-- state: string\n|-- plain: string\n|-- person: struct\n"
                                   "|    |-- name: string\n|    |-- zip: int\n")
    assert records(mapped) == [{"state": "WA", "plain": "dotted", "person": {"name": "Ann", "zip": 98101}}]


def test_apply_mapping_case_sensitive_does_not_match_other_case(glue_context):
    frame = frame_of(glue_context, [Row(Name="x")])
    assert frame.apply_mapping([("name", "string", "n", "string")], case_sensitive=True).schema().fields == []


def test_apply_mapping_casts_the_present_alternative_of_a_choice(glue_context, tmp_path):
    frame = json_frame(glue_context, tmp_path, [{"price": 10}, {"price": "12"}, {"price": "n/a"}])
    mapped = frame.apply_mapping([("price", "choice", "price", "int")])
    assert sorted(r["price"] for r in records(mapped)) == [10, 12]
    assert mapped.errorsCount() == 1


def test_apply_mapping_unknown_type_names_the_mapping_tuple(glue_context):
    frame = frame_of(glue_context, [Row(a="1")])
    with pytest.raises(ValueError, match=r"^Invalid mapping \('a', 'string', 'a', 'varchar2'\): unknown type 'varchar2'$"):
        frame.apply_mapping([("a", "string", "a", "varchar2")])


@pytest.mark.parametrize("kwargs, error, message", [
    ({"mappings": "a"}, TypeError, "mappings must be a list of tuples, got str"),
    ({"mappings": ["a"]}, TypeError, "mappings must contain tuples, got str 'a'"),
    ({"mappings": [("a",)]}, ValueError, "Mapping tuple must be of length 2, 3, or 4Got tuple of length 1"),
    ({"mappings": [("a", 1, "a", "int")]}, TypeError, "every element of mapping ('a', 1, 'a', 'int') must be str"),
    ({"mappings": [], "case_sensitive": "yes"}, TypeError, "case_sensitive must be bool, got str"),
    ({"mappings": [], "stageThreshold": "10"}, TypeError, "stageThreshold must be int, got str"),
    ({"mappings": [], "totalThreshold": -1}, ValueError, "totalThreshold must not be negative: -1"),
    ({"mappings": [], "transformation_ctx": 5}, TypeError, "transformation_ctx must be str, got int"),
])
def test_apply_mapping_rejects_wrong_argument_types_naming_the_parameter(glue_context, kwargs, error, message):
    frame = frame_of(glue_context, [Row(a="1")])
    with pytest.raises(error) as raised:
        ApplyMapping.apply(frame=frame, **kwargs)
    assert message in str(raised.value)
    assert "py4j" not in str(raised.value).lower()


# ---- ResolveChoice --------------------------------------------------------------------------------

CHOICE_RECORDS = [{"id": 1, "v": 10}, {"id": 2, "v": "20"}, {"id": 3, "v": "x"}]


def test_resolve_choice_cast_nulls_uncastable_values(glue_context, tmp_path, capsys):
    frame = json_frame(glue_context, tmp_path, CHOICE_RECORDS)
    assert "|-- v: choice\n|    |-- long\n|    |-- string\n" in tree(frame, capsys)
    resolved = ResolveChoice.apply(frame, specs=[("v", "cast:long")])
    assert "|-- v: long\n" in tree(resolved, capsys)
    assert {r["id"]: r.get("v") for r in records(resolved)} == {1: 10, 2: 20, 3: None}


def test_resolve_choice_make_cols_make_struct_and_project(glue_context, tmp_path, capsys):
    frame = json_frame(glue_context, tmp_path, CHOICE_RECORDS)
    cols = frame.resolveChoice(specs=("v", "make_cols"))
    assert tree(cols, capsys) == "root\n|-- id: long\n|-- v_long: long\n|-- v_string: string\n"
    assert {r["id"]: (r.get("v_long"), r.get("v_string")) for r in records(cols)} == {
        1: (10, None), 2: (None, "20"), 3: (None, "x")}

    struct = frame.resolveChoice(choice="make_struct")
    assert tree(struct, capsys) == "root\n|-- id: long\n|-- v: struct\n|    |-- long: long\n|    |-- string: string\n"

    project = frame.resolveChoice(specs=[("v", "project:string")])
    assert "|-- v: string\n" in tree(project, capsys)
    assert {r["id"]: r.get("v") for r in records(project)} == {1: None, 2: "20", 3: "x"}


def test_resolve_choice_reaches_nested_and_array_paths(glue_context, tmp_path, capsys):
    frame = json_frame(glue_context, tmp_path, [{"a": {"b": 1}, "items": [{"p": 1}, {"p": "2"}]},
                                               {"a": {"b": "2"}, "items": []}])
    resolved = frame.resolveChoice(specs=[("a.b", "cast:int"), ("items[].p", "cast:double")])
    assert tree(resolved, capsys) == ("root\n|-- a: struct\n|    |-- b: int\n|-- items: array\n|    |-- element: struct\n"
                                     "|    |    |-- p: double\n")
    values = sorted((r["a"]["b"], [item["p"] for item in r["items"]]) for r in records(resolved))
    assert values == [(1, [1.0, 2.0]), (2, [])]


def test_resolve_choice_argument_errors(glue_context, tmp_path):
    frame = json_frame(glue_context, tmp_path, CHOICE_RECORDS)
    with pytest.raises(Exception, match="^Parameter specs and option are both missing, add one.$"):
        frame.resolveChoice()
    with pytest.raises(Exception, match="^Parameter specs and option are both specified, choose one.$"):
        frame.resolveChoice(specs=[("v", "cast:long")], choice="make_cols")
    if glue_context.spark_session.sparkContext.getConf().get("spark.epoxy.glue.endpoint") is None:
        # Outside a session nothing says where the catalog is.
        with pytest.raises(NotImplementedError, match="The Glue Data Catalog is not reachable"):
            frame.resolveChoice(choice="match_catalog", database="db", table_name="t")
    else:
        # Inside a session (test_runtime_in_session) the catalog answers, and has no such table.
        with pytest.raises(FileNotFoundError, match="Table not found in the Data Catalog: db.t"):
            frame.resolveChoice(choice="match_catalog", database="db", table_name="t")
    with pytest.raises(ValueError, match="ResolveChoice match_catalog needs database and table_name"):
        frame.resolveChoice(choice="match_catalog")
    with pytest.raises(ValueError, match="Invalid resolveChoice action 'cast:nope'"):
        frame.resolveChoice(specs=[("v", "cast:nope")])
    with pytest.raises(TypeError, match="specs must contain"):
        frame.resolveChoice(specs=[("v", 3)])


# ---- field transforms -----------------------------------------------------------------------------

def test_drop_null_fields_removes_null_typed_fields_everywhere(glue_context, tmp_path, capsys):
    frame = json_frame(glue_context, tmp_path, [{"a": 1, "n": None, "s": {"x": 1, "y": None},
                                                "arr": [{"k": 1, "z": None}]}])
    cleaned = DropNullFields.apply(frame=frame)
    output = tree(cleaned, capsys)
    assert output == ("root\n|-- a: long\n|-- s: struct\n|    |-- x: long\n|-- arr: array\n|    |-- element: struct\n"
                      "|    |    |-- k: long\n")
    assert "null_fields" not in output


def test_drop_select_and_rename_fields(glue_context, capsys):
    rows = [Row(id=1, name=Row(first="A", last="B"), friends=[Row(name="C", age=3)], **{"this.old": "v"})]
    frame = frame_of(glue_context, rows)

    dropped = DropFields.apply(frame, paths=["name.first", "friends.age", "`this.old`"])
    assert records(dropped) == [{"id": 1, "name": {"last": "B"}, "friends": [{"name": "C"}]}]

    selected = SelectFields.apply(frame, "id")
    assert records(selected) == [{"id": 1}]

    renamed = RenameField.apply(frame, "name.first", "name.given")
    assert records(renamed)[0]["name"] == {"given": "A", "last": "B"}
    renamed_dotted = frame.rename_field("`this.old`", "new_name")
    assert "new_name" in [field.name for field in renamed_dotted.schema().fields]
    with pytest.raises(ValueError, match="Cannot rename missing: no such field"):
        frame.rename_field("missing", "x")
    with pytest.raises(TypeError, match="paths must be a str or a list of str, got int"):
        frame.drop_fields(3)


def test_unnest_frame_flattens_structs_with_dotted_names(glue_context):
    frame = frame_of(glue_context, [Row(id=1, address=Row(city="X", geo=Row(lat=1.5)), tags=["a"])])
    flat = UnnestFrame.apply(frame)
    assert [field.name for field in flat.schema().fields] == ["id", "address.city", "address.geo.lat", "tags"]
    assert records(flat) == [{"id": 1, "address.city": "X", "address.geo.lat": 1.5, "tags": ["a"]}]


def test_unbox_parses_json_and_csv_strings(glue_context):
    frame = frame_of(glue_context, [Row(id=1, payload='{"a": 1, "b": "x"}', line="p,q,r"),
                                    Row(id=2, payload='{"a": 2}', line="s,t")])
    unboxed = Unbox.apply(frame, path="payload", format="json")
    assert sorted((r["id"], r["payload"]) for r in records(unboxed)) == [(1, {"a": 1, "b": "x"}), (2, {"a": 2, "b": None})]
    csv = frame.unbox("line", "csv", separator=",")
    assert sorted((r["id"], r["line"]) for r in records(csv)) == [(1, {"col0": "p", "col1": "q", "col2": "r"}),
                                                                  (2, {"col0": "s", "col1": "t", "col2": None})]


# ---- split, spigot ----------------------------------------------------------------------------------

def test_split_fields_and_split_rows_return_collections(glue_context):
    rows = [Row(id=i, age=20 + i, name="n%d" % i) for i in range(6)]
    frame = frame_of(glue_context, rows, name="people")

    split = SplitFields.apply(frame, ["id", "age"])
    assert isinstance(split, DynamicFrameCollection)
    assert sorted(split.keys()) == ["people1", "people2"]
    assert [f.name for f in split["people1"].schema().fields] == ["id", "age"]
    assert [f.name for f in split["people2"].schema().fields] == ["name"]

    by_rows = SplitRows.apply(frame, {"age": {">": 21, "<=": 24}}, "middle", "rest")
    expected = sorted(r.id for r in rows if 21 < r.age <= 24)
    assert sorted(r["id"] for r in records(by_rows["middle"])) == expected
    assert sorted(r["id"] for r in records(by_rows["rest"])) == sorted(set(range(6)) - set(expected))
    with pytest.raises(ValueError, match="unknown operator '~'"):
        frame.split_rows({"age": {"~": 1}}, "a", "b")
    with pytest.raises(TypeError, match="comparison_dict must be dict, got list"):
        frame.split_rows([], "a", "b")


def test_spigot_writes_a_sample_and_passes_the_frame_through(glue_context, tmp_path):
    frame = frame_of(glue_context, [Row(id=i) for i in range(10)])
    out = tmp_path / "spigot"
    result = Spigot.apply(frame, str(out), {"topk": 3})
    assert result.count() == 10
    lines = [line for part in glob.glob(str(out / "part-*")) for line in open(part).read().splitlines()]
    assert len(lines) == 3
    assert all(set(json.loads(line)) == {"id"} for line in lines)


# ---- join, union, merge -----------------------------------------------------------------------------

def test_join_keeps_both_keys_and_prefixes_duplicate_names(glue_context):
    persons = frame_of(glue_context, [Row(id=1, name="Ann", zip="1"), Row(id=2, name="Bob", zip="2")], "persons")
    memberships = frame_of(glue_context, [Row(person_id=1, org="x", zip="9"), Row(person_id=1, org="y", zip="8"),
                                          Row(person_id=3, org="z", zip="7")], "memberships")
    joined = Join.apply(persons, memberships, "id", "person_id")
    assert joined.name == "personsmemberships"
    assert [f.name for f in joined.schema().fields] == ["id", "name", "zip", "person_id", "org", ".zip"]
    assert sorted((r["name"], r["org"], r[".zip"]) for r in records(joined)) == [("Ann", "x", "9"), ("Ann", "y", "8")]

    cleaned = joined.drop_fields(["person_id", "`.zip`"])
    assert [f.name for f in cleaned.schema().fields] == ["id", "name", "zip", "org"]
    with pytest.raises(ValueError, match="keys1: no such field: nope"):
        persons.join(["nope"], ["person_id"], memberships)


def test_union_merges_schemas_into_choices(glue_context, capsys):
    first = frame_of(glue_context, [Row(id=1, v=1)])
    second = frame_of(glue_context, [Row(id=2, v="two", extra=True)])
    union = Union.apply(first, second)
    assert tree(union, capsys) == ("root\n|-- id: long\n|-- v: choice\n|    |-- long\n|    |-- string\n"
                                  "|-- extra: boolean\n")
    assert union.count() == 2


def test_merge_dynamic_frame_prefers_staging_records(glue_context):
    source = frame_of(glue_context, [Row(id=1, v="old1"), Row(id=2, v="old2"), Row(id=3, v="old3")])
    staging = frame_of(glue_context, [Row(id=2, v="new2"), Row(id=4, v="new4")])
    merged = source.mergeDynamicFrame(staging, ["id"])
    assert sorted((r["id"], r["v"]) for r in records(merged)) == [(1, "old1"), (2, "new2"), (3, "old3"), (4, "new4")]


# ---- relationalize and collections -----------------------------------------------------------------

def test_relationalize_pivots_arrays_into_frames_with_join_keys(glue_context, tmp_path):
    people = [{"name": "A", "address": {"city": "X"}, "phones": ["1", "2"], "links": [{"url": "u1", "note": "n1"}]},
              {"name": "B", "address": {"city": "Y"}, "phones": [], "links": [{"url": "u2", "note": "n2"}]}]
    frame = json_frame(glue_context, tmp_path, people)
    result = Relationalize.apply(frame, staging_path=str(tmp_path / "staging"), name="root")
    assert sorted(result.keys()) == ["root", "root_links", "root_phones"]
    root = SelectFromCollection.apply(result, "root")
    assert [f.name for f in root.schema().fields] == ["name", "address.city", "phones", "links"]
    phones = result["root_phones"]
    assert [f.name for f in phones.schema().fields] == ["id", "index", "phones.val"]
    links = result["root_links"]
    assert [f.name for f in links.schema().fields] == ["id", "index", "links.val.url", "links.val.note"]

    keys = {r["name"]: r["phones"] for r in records(root)}
    by_key = {}
    for r in records(phones):
        by_key.setdefault(r["id"], []).append((r["index"], r["phones.val"]))
    assert sorted(by_key[keys["A"]]) == [(0, "1"), (1, "2")]
    assert keys["B"] not in by_key
    link_keys = {r["name"]: r["links"] for r in records(root)}
    assert {r["id"]: r["links.val.url"] for r in records(links)} == {link_keys["A"]: "u1", link_keys["B"]: "u2"}


def test_relationalize_without_staging_path_needs_temp_dir(glue_context):
    from awsglue import utils

    frame = frame_of(glue_context, [Row(id=1)])
    saved = dict(utils._global_args)
    utils._global_args.clear()
    try:
        with pytest.raises(RuntimeError, match="Unable to set staging_path using args"):
            Relationalize.apply(frame)
    finally:
        utils._global_args.update(saved)


def test_collection_transforms(glue_context):
    frame = frame_of(glue_context, [Row(id=1, a="x")], name="f")
    collection = frame.split_fields(["id"], "ids", "rest")
    assert SelectFromCollection.apply(collection, "missing").count() == 0
    mapped = MapToCollection.apply(collection, lambda f, ctx: f.repartition(1))
    assert sorted(mapped.keys()) == ["ids", "rest"]
    flat = FlatMap.apply(collection, DropFields, "frame", paths=["a"])
    assert sorted(len(f.schema().fields) for f in flat.values()) == [0, 1]
    assert Repartition.apply(frame, 3).getNumPartitions() == 3
    assert Coalesce.apply(frame, 1).getNumPartitions() == 1
    assert ErrorsAsDynamicFrame.apply(frame).count() == 0
    with pytest.raises(TypeError, match="dfc must be a DynamicFrameCollection"):
        SelectFromCollection.apply(frame, "x")


# ---- Filter and Map with Python functions ----------------------------------------------------------

def test_filter_passes_dynamic_records_and_follows_the_error_rules(glue_context):
    rows = [Row(id=i, person=Row(age=10 * i), tags=["t%d" % i]) for i in range(5)]
    frame = frame_of(glue_context, rows)

    adults = Filter.apply(frame=frame, f=lambda r: r.person["age"] >= 20 and r["tags"][0].startswith("t"))
    assert sorted(r["id"] for r in records(adults)) == [r.id for r in rows if r.person.age >= 20]
    assert adults.errorsCount() == 0

    def picky(record):
        if record["id"] == 1:
            raise KeyError("dropped quietly")
        if record["id"] == 2:
            raise ZeroDivisionError("boom")
        return True

    picked = frame.filter(picky)
    assert sorted(r["id"] for r in records(picked)) == [0, 3, 4]
    assert picked.errorsCount() == 1
    assert [row.error.msg for row in picked.errorsAsDynamicFrame().toDF().collect()] == ["boom"]
    with pytest.raises(TypeError, match="f must be callable, got int"):
        frame.filter(3)


def test_map_builds_new_records_and_reinfers_the_schema(glue_context, capsys):
    rows = [Row(id=i, name="n%d" % i, day=datetime.date(2026, 1, i + 1)) for i in range(4)]
    frame = frame_of(glue_context, rows)

    def enrich(record):
        record.name_length = len(record.name)
        record["next_day"] = record.day + datetime.timedelta(days=1)
        record["nested"] = {"double": record.id * 2, "price": decimal.Decimal("1.50")}
        if record.id == 3:
            return None
        return record

    mapped = Map.apply(frame=frame, f=enrich)
    output = tree(mapped, capsys)
    assert "|-- name_length: long\n" in output
    assert "|-- next_day: date\n" in output
    assert "|    |-- double: long\n" in output
    got = {r["id"]: r for r in records(mapped)}
    assert sorted(got) == [0, 1, 2]
    for row in rows[:3]:
        assert got[row.id]["next_day"] == row.day + datetime.timedelta(days=1)
        assert got[row.id]["nested"]["double"] == row.id * 2
        assert got[row.id]["name_length"] == len(row.name)
    assert mapped.errorsCount() == 1
    assert [row.error.msg for row in mapped.errorsAsDynamicFrame().toDF().collect()] == [
        "User-specified function returned None instead of DynamicRecord"]


def test_map_exception_becomes_error_record(glue_context):
    frame = frame_of(glue_context, [Row(id=1), Row(id=0)])
    mapped = frame.map(lambda r: {"inverse": 1 / r["id"]})
    assert records(mapped) == [{"inverse": 1.0}]
    assert [row.error.msg for row in mapped.errorsAsDynamicFrame().toDF().collect()] == ["division by zero"]


def test_thresholds_apply_to_python_function_stages(glue_context):
    from awsglue._jvm import GlueThresholdError

    frame = frame_of(glue_context, [Row(id=i) for i in range(4)])
    failing = frame.filter(lambda r: 1 / (r["id"] % 2) > 0, transformation_ctx="odd_only", info="odd ids",
                           stageThreshold=1)
    with pytest.raises(GlueThresholdError, match="Stage odd_only produced 2 error records, more than its stageThreshold of 1"):
        failing.count()
    errors = failing.errorsAsDynamicFrame().toDF().collect()
    assert {row.error.callsite.info for row in errors} == {"odd ids"}
    assert {json.loads(row.error.dynamicRecord)["id"] for row in errors} == {0, 2}


def test_map_and_filter_see_the_value_a_choice_holds(glue_context, tmp_path):
    frame = json_frame(glue_context, tmp_path, [{"id": 1, "v": 10, "s": {"x": 1}},
                                               {"id": 2, "v": "ten", "s": {"x": "one"}}])
    seen = frame.map(lambda r: {"id": r.id, "v_type": type(r.v).__name__, "x_type": type(r.s.x).__name__})
    assert sorted((r["id"], r["v_type"], r["x_type"]) for r in records(seen)) == [(1, "int", "int"), (2, "str", "str")]
    numbers = frame.filter(lambda r: isinstance(r["v"], int))
    assert [r["id"] for r in records(numbers)] == [1]
    assert "|-- v: choice" in numbers._jdf.schema().treeString()


DDB_ITEMS = [{"Item": {"id": {"S": "a"}, "n": {"N": "5"}, "ok": {"BOOL": True}, "tags": {"SS": ["x", "y"]},
                       "addr": {"M": {"city": {"S": "X"}}}, "list": {"L": [{"S": "p"}, {"S": "q"}]}}},
             {"Item": {"id": {"S": "b"}, "n": {"N": "6"}, "ok": {"BOOL": False}, "tags": {"SS": []},
                       "addr": {"M": {"city": {"S": "Y"}}}, "list": {"L": []}}}]


def test_unnest_ddb_json_lifts_item_fields(glue_context, tmp_path):
    frame = json_frame(glue_context, tmp_path, DDB_ITEMS)
    unnested = frame.unnest_ddb_json()
    assert [f.name for f in unnested.schema().fields] == ["id", "n", "ok", "tags", "addr", "list"]
    got = {r["id"]: r for r in records(unnested)}
    assert got["a"]["n"] == "5" and got["a"]["ok"] is True and got["a"]["tags"] == ["x", "y"]
    assert got["a"]["addr"] == {"city": {"S": "X"}}


def test_simplify_ddb_json_unwraps_recursively(glue_context, tmp_path):
    frame = json_frame(glue_context, tmp_path, DDB_ITEMS)
    simplified = frame.simplify_ddb_json()
    got = {r["Item"]["id"]: r["Item"] for r in records(simplified)}
    expected = {item["Item"]["id"]["S"]: {"id": item["Item"]["id"]["S"], "n": item["Item"]["n"]["N"],
                                         "ok": item["Item"]["ok"]["BOOL"], "tags": item["Item"]["tags"]["SS"],
                                         "addr": {"city": item["Item"]["addr"]["M"]["city"]["S"]},
                                         "list": [e["S"] for e in item["Item"]["list"]["L"]]} for item in DDB_ITEMS}
    assert got == expected


def test_map_partitions_work_on_wire_dicts(glue_context):
    frame = frame_of(glue_context, [Row(id=i) for i in range(6)]).repartition(2)

    def double(records):
        for wire in records:
            assert set(wire) == {"record", "isError", "errorMessage"}
            record = wire["record"]
            if record["id"] == 5:
                yield {"record": record, "isError": True, "errorMessage": "five"}
            else:
                yield {"record": {"id": record["id"], "twice": record["id"] * 2}, "isError": False, "errorMessage": ""}

    doubled = frame.mapPartitions(double)
    assert sorted((r["id"], r["twice"]) for r in records(doubled)) == [(i, 2 * i) for i in range(5)]
    assert [row.error.msg for row in doubled.errorsAsDynamicFrame().toDF().collect()] == ["five"]

    indexed = frame.mapPartitionsWithIndex(lambda index, rows: ({"record": {"p": index}} for _ in rows))
    assert sorted({r["p"] for r in records(indexed)}) == [0, 1]


def test_every_transform_describes_itself():
    for transform in transforms.get_transforms():
        described = transform.describe()["transform"]
        assert described["name"] == type(transform).__name__
        assert isinstance(described["args"], list) and described["args"]
        assert described["returns"]["type"] in ("DynamicFrame", "DynamicFrameCollection")
        assert described["description"]


def test_apply_mapping_alias_tolerates_a_leading_frame(glue_context):
    frame = frame_of(glue_context, [Row(a="1")])
    mapped = frame.applyMapping(frame, [("a", "string", "b", "int")])
    assert records(mapped) == [{"b": 1}]
