"""``awsglue.transforms``: ``from awsglue.transforms import *`` gives every transform class.

Each transform lives in its own module of this package and is listed in ALL_TRANSFORMS below; the
transforms work of issue 3 adds them (see epoxy-runtime/DESIGN.md §6).
"""

from awsglue.transforms.transform import GlueTransform, _describe_json
from awsglue.transforms.apply_mapping import ApplyMapping
from awsglue.transforms.coalesce import Coalesce
from awsglue.transforms.collection_transforms import FlatMap, MapToCollection, SelectFromCollection
from awsglue.transforms.drop_fields import DropFields
from awsglue.transforms.drop_null_fields import DropNullFields
from awsglue.transforms.errors_as_dynamic_frame import ErrorsAsDynamicFrame
from awsglue.transforms.filter import Filter
from awsglue.transforms.join import Join
from awsglue.transforms.map import Map
from awsglue.transforms.relationalize import Relationalize
from awsglue.transforms.rename_field import RenameField
from awsglue.transforms.repartition import Repartition
from awsglue.transforms.resolve_choice import ResolveChoice
from awsglue.transforms.select_fields import SelectFields
from awsglue.transforms.spigot import Spigot
from awsglue.transforms.split_fields import SplitFields
from awsglue.transforms.split_rows import SplitRows
from awsglue.transforms.unbox import Unbox
from awsglue.transforms.union import Union
from awsglue.transforms.unnest_frame import UnnestFrame

# Transform classes, in the order of the reference's __all__.
ALL_TRANSFORMS = [Unbox, RenameField, DropFields, SplitFields, SelectFields, SplitRows, UnnestFrame, Relationalize,
                  SelectFromCollection, MapToCollection, ErrorsAsDynamicFrame, FlatMap, DropNullFields, Join,
                  ApplyMapping, Repartition, ResolveChoice, Spigot, Filter, Map, Coalesce, Union]

__all__ = ["GlueTransform"] + [transform.__name__ for transform in ALL_TRANSFORMS]


def get_transforms():
    """Instances of all transforms."""
    return [transform() for transform in ALL_TRANSFORMS]


def get_transform(name):
    """The transform class with this name (case-insensitive), or None."""
    for transform in ALL_TRANSFORMS:
        if transform.__name__.lower() == str(name).lower():
            return transform
    return None


def describe_transform(name):
    transform = get_transform(name)
    return None if transform is None else _describe_json(transform)
