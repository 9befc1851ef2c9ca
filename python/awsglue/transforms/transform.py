"""The base of all transforms: ``X.apply(frame=..., ...)`` instantiates X and calls it."""

import json


class GlueTransform(object):
    """Subclasses implement ``__call__`` (delegating to a DynamicFrame method) and the describe* methods."""

    @classmethod
    def apply(cls, *args, **kwargs):
        transform = cls()
        return transform(*args, **kwargs)

    @classmethod
    def name(cls):
        return cls.__name__

    @classmethod
    def describeArgs(cls):
        raise NotImplementedError("describeArgs is not implemented for {}".format(cls.__name__))

    @classmethod
    def describeReturn(cls):
        raise NotImplementedError("describeReturn is not implemented for {}".format(cls.__name__))

    @classmethod
    def describeTransform(cls):
        raise NotImplementedError("describeTransform is not implemented for {}".format(cls.__name__))

    @classmethod
    def describeErrors(cls):
        raise NotImplementedError("describeErrors is not implemented for {}".format(cls.__name__))

    @classmethod
    def describe(cls):
        return {"transform": {
            "name": cls.name(),
            "args": cls.describeArgs(),
            "returns": cls.describeReturn(),
            "description": cls.describeTransform(),
            "raises": cls.describeErrors(),
            "location": "internal",
        }}

    def __call__(self, *args, **kwargs):
        raise NotImplementedError("{} does not implement __call__".format(self.__class__.__name__))


def _describe_json(transform_class):
    return json.dumps(transform_class.describe(), sort_keys=True, indent=4)
