import json

import pytest

from awsglue.gluetypes import (ArrayType, ChoiceType, DecimalType, DynamicRecord, EnumType, Field, IntegerType, LongType,
                               MapType, NullType, StringType, StructType, TimestampNTZType, UnknownType,
                               _deserialize_json_string, _serialize_schema, mergeDataTypes)


def test_type_names_follow_glue():
    assert IntegerType.typeName() == "int"
    assert LongType.typeName() == "long"
    assert TimestampNTZType.typeName() == "timestampntz"
    assert ChoiceType.typeName() == "choice"
    assert NullType().jsonValue() == {"dataType": "null", "properties": {}}


def test_schema_json_round_trips():
    schema = StructType([
        Field("id", LongType()),
        Field("price", ChoiceType([StringType(), DecimalType(7, 2)])),
        Field("tags", ArrayType(StringType())),
        Field("attrs", MapType(IntegerType())),
        Field("kind", EnumType(["a", "b"])),
    ])
    text = _serialize_schema(schema)
    parsed = json.loads(text)
    assert [choice["dataType"] for choice in parsed["fields"][1]["container"]["choices"]] == ["decimal", "string"]
    assert parsed["fields"][1]["container"]["choices"][0]["precision"] == 7
    assert _deserialize_json_string(text) == schema


def test_duplicate_choice_is_rejected():
    choice = ChoiceType([LongType()])
    with pytest.raises(ValueError, match="Attempting to insert duplicate choice"):
        choice.add(LongType())


def test_merge_follows_glue_rules():
    assert mergeDataTypes(NullType(), LongType()) == LongType()
    assert mergeDataTypes(StringType(), UnknownType()) == StringType()
    merged = mergeDataTypes(LongType(), StringType())
    assert isinstance(merged, ChoiceType) and sorted(merged.choices) == ["long", "string"]
    left = StructType([Field("a", LongType()), Field("b", StringType())])
    right = StructType([Field("c", StringType()), Field("a", StringType())])
    struct = mergeDataTypes(left, right)
    assert [field.name for field in struct] == ["a", "b", "c"]
    assert sorted(struct.getField("a").dataType.choices) == ["long", "string"]
    assert mergeDataTypes(ArrayType(LongType()), ArrayType(NullType())) == ArrayType(LongType())


def test_repr_formats():
    assert repr(StringType()) == "StringType({})"
    assert repr(DecimalType(10, 2)) == "DecimalType(10, 2, {})"
    assert repr(ChoiceType([StringType(), LongType()])) == "ChoiceType([LongType({}), StringType({})], {})"


def test_dynamic_record_has_attribute_access():
    record = DynamicRecord({"a": 1})
    record.b = 2
    assert record.a == 1 and record["b"] == 2
    with pytest.raises(AttributeError):
        record.missing
