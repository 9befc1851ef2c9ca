"""Glue's type system (``awsglue.gluetypes``): the schema of DynamicFrames, with ChoiceType."""

import json
from typing import Any, Dict, List, Optional

__all__ = [
    "DataType", "AtomicType", "BinaryType", "BooleanType", "ByteType", "DateType", "DecimalType",
    "DoubleType", "EnumType", "FloatType", "IntegerType", "LongType", "NullType", "ShortType",
    "StringType", "TimestampType", "TimestampNTZType", "UnknownType", "ArrayType", "SetType",
    "MapType", "ChoiceType", "StructType", "Field", "EntityType", "DynamicRecord",
    "mergeDataTypes",
]


class DataType(object):
    """Base of all Glue types. ``properties`` is a free-form dict carried in the schema JSON."""

    def __init__(self, properties: Optional[Dict[str, Any]] = None):
        self.properties = dict(properties) if properties else {}

    def __repr__(self) -> str:
        return "{}({})".format(self.__class__.__name__, self.properties)

    def __eq__(self, other) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(str(self.__class__))

    @classmethod
    def typeName(cls) -> str:
        return cls.__name__[:-4].lower()

    def jsonValue(self) -> Dict[str, Any]:
        return {"dataType": self.typeName(), "properties": self.properties}


class AtomicType(DataType):
    """A type without children."""

    @classmethod
    def fromJsonValue(cls, json_value: Dict[str, Any]) -> "AtomicType":
        kwargs = {key: value for key, value in json_value.items() if key != "dataType"}
        return cls(**kwargs)


class BinaryType(AtomicType):
    pass


class BooleanType(AtomicType):
    pass


class ByteType(AtomicType):
    pass


class DateType(AtomicType):
    pass


class DecimalType(AtomicType):
    def __init__(self, precision: int = 10, scale: int = 2, properties: Optional[Dict[str, Any]] = None):
        super(DecimalType, self).__init__(properties)
        self.precision = precision
        self.scale = scale

    def __repr__(self) -> str:
        return "DecimalType({}, {}, {})".format(self.precision, self.scale, self.properties)

    def jsonValue(self) -> Dict[str, Any]:
        return dict(super(DecimalType, self).jsonValue(), precision=self.precision, scale=self.scale)


class DoubleType(AtomicType):
    pass


class EnumType(AtomicType):
    def __init__(self, options, properties: Optional[Dict[str, Any]] = None):
        super(EnumType, self).__init__(properties)
        self.options = list(options)

    def __repr__(self) -> str:
        return "EnumType([{}], {})".format(",".join(str(option) for option in self.options), self.properties)

    def jsonValue(self) -> Dict[str, Any]:
        # The reference forgets to return here; returning the value is the evident intent.
        return dict(super(EnumType, self).jsonValue(), options=self.options)


class FloatType(AtomicType):
    pass


class IntegerType(AtomicType):
    @classmethod
    def typeName(cls) -> str:
        return "int"


class LongType(AtomicType):
    pass


class NullType(AtomicType):
    pass


class ShortType(AtomicType):
    pass


class StringType(AtomicType):
    pass


class TimestampType(AtomicType):
    pass


class TimestampNTZType(AtomicType):
    @classmethod
    def typeName(cls) -> str:
        return "timestampntz"


class UnknownType(AtomicType):
    pass


class ArrayType(DataType):
    def __init__(self, elementType: Optional[DataType] = None, properties: Optional[Dict[str, Any]] = None):
        super(ArrayType, self).__init__(properties)
        self.elementType = elementType if elementType is not None else UnknownType()

    def __repr__(self) -> str:
        return "ArrayType({}, {})".format(repr(self.elementType), self.properties)

    def jsonValue(self) -> Dict[str, Any]:
        return dict(super(ArrayType, self).jsonValue(), elementType=self.elementType.jsonValue())


class SetType(DataType):
    def __init__(self, elementType: Optional[DataType] = None, properties: Optional[Dict[str, Any]] = None):
        super(SetType, self).__init__(properties)
        self.elementType = elementType if elementType is not None else UnknownType()

    def __repr__(self) -> str:
        return "SetType({}, {})".format(repr(self.elementType), self.properties)

    def jsonValue(self) -> Dict[str, Any]:
        return dict(super(SetType, self).jsonValue(), elementType=self.elementType.jsonValue())


class MapType(DataType):
    """A map with string keys; only the value type is recorded."""

    def __init__(self, valueType: Optional[DataType] = None, properties: Optional[Dict[str, Any]] = None):
        super(MapType, self).__init__(properties)
        self.valueType = valueType if valueType is not None else UnknownType()

    def __repr__(self) -> str:
        return "MapType({}, {})".format(repr(self.valueType), self.properties)

    def jsonValue(self) -> Dict[str, Any]:
        return dict(super(MapType, self).jsonValue(), valueType=self.valueType.jsonValue())


class ChoiceType(DataType):
    """The records disagree about a field's type: one alternative per type name."""

    def __init__(self, choices=None, properties: Optional[Dict[str, Any]] = None):
        super(ChoiceType, self).__init__(properties)
        self.choices: Dict[str, DataType] = {}
        for choice in choices or []:
            self.add(choice)

    def __repr__(self) -> str:
        ordered = [self.choices[name] for name in sorted(self.choices)]
        return "ChoiceType([{}], {})".format(", ".join(repr(choice) for choice in ordered), self.properties)

    def add(self, new_choice: DataType) -> None:
        if new_choice.typeName() in self.choices:
            raise ValueError("Attempting to insert duplicate choice")
        self.choices[new_choice.typeName()] = new_choice

    def merge(self, new_choices) -> None:
        if not isinstance(new_choices, list):
            new_choices = [new_choices]
        for choice in new_choices:
            existing = self.choices.get(choice.typeName())
            self.choices[choice.typeName()] = choice if existing is None else mergeDataTypes(existing, choice)

    def jsonValue(self) -> Dict[str, Any]:
        ordered = [self.choices[name].jsonValue() for name in sorted(self.choices)]
        return dict(super(ChoiceType, self).jsonValue(), choices=ordered)


class Field(object):
    """A named field of a StructType."""

    def __init__(self, name: str, dataType: DataType, properties: Optional[Dict[str, Any]] = None):
        self.name = name
        self.dataType = dataType
        self.properties = dict(properties) if properties else {}

    def __repr__(self) -> str:
        return "Field({}, {}, {})".format(self.name, repr(self.dataType), self.properties)

    def __eq__(self, other) -> bool:
        return isinstance(other, Field) and self.name == other.name and self.dataType == other.dataType

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self.name)

    def jsonValue(self) -> Dict[str, Any]:
        return {"name": self.name, "container": self.dataType.jsonValue(), "properties": self.properties}


class StructType(DataType):
    def __init__(self, fields: Optional[List[Field]] = None, properties: Optional[Dict[str, Any]] = None):
        super(StructType, self).__init__(properties)
        self.fields: List[Field] = []
        self.field_map: Dict[str, Field] = {}
        for field in fields or []:
            self.add(field)

    def __repr__(self) -> str:
        return "StructType([{}], {})".format(", ".join(repr(field) for field in self.fields), self.properties)

    def __iter__(self):
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def add(self, field: Field) -> None:
        self.fields.append(field)
        self.field_map[field.name] = field

    def hasField(self, field) -> bool:
        name = field.name if isinstance(field, Field) else field
        return name in self.field_map

    def getField(self, field) -> Optional[Field]:
        name = field.name if isinstance(field, Field) else field
        return self.field_map.get(name)

    def jsonValue(self) -> Dict[str, Any]:
        return dict(super(StructType, self).jsonValue(), fields=[field.jsonValue() for field in self.fields])


class EntityType(DataType):
    def __init__(self, entity, base_type, properties=None):
        raise NotImplementedError("Not yet implemented")


class DynamicRecord(dict):
    """A record handed to map/filter functions: a dict with attribute access."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value


_ATOMIC_TYPES = {cls.typeName(): cls for cls in [
    BinaryType, BooleanType, ByteType, DateType, DoubleType, FloatType, IntegerType, LongType,
    NullType, ShortType, StringType, TimestampType, TimestampNTZType, UnknownType]}


def _deserialize_json_value(value: Dict[str, Any]) -> DataType:
    data_type = value["dataType"]
    properties = value.get("properties") or {}
    if data_type == "struct":
        return StructType([Field(field["name"], _deserialize_json_value(field["container"]), field.get("properties") or {})
                           for field in value.get("fields", [])], properties)
    if data_type == "choice":
        return ChoiceType([_deserialize_json_value(choice) for choice in value.get("choices", [])], properties)
    if data_type == "array":
        return ArrayType(_deserialize_json_value(value["elementType"]) if value.get("elementType") else None, properties)
    if data_type == "set":
        return SetType(_deserialize_json_value(value["elementType"]) if value.get("elementType") else None, properties)
    if data_type == "map":
        return MapType(_deserialize_json_value(value["valueType"]) if value.get("valueType") else None, properties)
    if data_type == "decimal":
        return DecimalType(value.get("precision", 10), value.get("scale", 2), properties)
    if data_type == "enum":
        return EnumType(value.get("options", []), properties)
    if data_type == "entity":
        return EntityType(None, None, properties)
    if data_type in _ATOMIC_TYPES:
        return _ATOMIC_TYPES[data_type](properties)
    raise ValueError("Unknown Glue type in schema JSON: {}".format(data_type))


def _deserialize_json_string(json_string: str) -> DataType:
    return _deserialize_json_value(json.loads(json_string))


def _serialize_schema(schema: DataType) -> str:
    return json.dumps(schema.jsonValue())


def _copy(data_type: DataType) -> DataType:
    return _deserialize_json_value(data_type.jsonValue())


def mergeDataTypes(s1: DataType, s2: DataType) -> DataType:
    """Glue's merge of two record types: unknown/null give way, equal kinds merge, others become a choice."""
    if isinstance(s1, (UnknownType, NullType)):
        return s2
    if isinstance(s2, (UnknownType, NullType)):
        return s1
    if isinstance(s1, ChoiceType) or isinstance(s2, ChoiceType):
        merged = ChoiceType(properties=s1.properties)
        for side in (s1, s2):
            merged.merge(list(side.choices.values()) if isinstance(side, ChoiceType) else [side])
        return merged
    if s1.__class__ is not s2.__class__:
        return ChoiceType([s1, s2])
    if isinstance(s1, StructType):
        fields = [Field(field.name, field.dataType, field.properties) for field in s1.fields]
        merged = StructType(fields, s1.properties)
        for field in s2.fields:
            existing = merged.getField(field.name)
            if existing is None:
                merged.add(Field(field.name, field.dataType, field.properties))
            else:
                existing.dataType = mergeDataTypes(existing.dataType, field.dataType)
        return merged
    if isinstance(s1, ArrayType):
        return ArrayType(mergeDataTypes(s1.elementType, s2.elementType), s1.properties)
    if isinstance(s1, SetType):
        return SetType(mergeDataTypes(s1.elementType, s2.elementType), s1.properties)
    if isinstance(s1, MapType):
        return MapType(mergeDataTypes(s1.valueType, s2.valueType), s1.properties)
    if isinstance(s1, EnumType):
        return EnumType(s1.options + s2.options, s1.properties)
    return s1
