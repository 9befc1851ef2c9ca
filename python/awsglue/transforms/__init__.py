"""``awsglue.transforms``: ``from awsglue.transforms import *`` gives every transform class.

Each transform lives in its own module of this package and is listed in ALL_TRANSFORMS below; the
transforms work of issue 3 adds them (see epoxy-runtime/DESIGN.md §6).
"""

from awsglue.transforms.transform import GlueTransform, _describe_json

# Transform classes, in the order of the reference's __all__. Add each class here as it lands.
ALL_TRANSFORMS = []

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
