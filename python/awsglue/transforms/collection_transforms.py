"""The transforms over a DynamicFrameCollection: SelectFromCollection, MapToCollection, FlatMap."""

from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


def _check_collection(dfc):
    from awsglue.dynamicframe import DynamicFrameCollection

    if not isinstance(dfc, DynamicFrameCollection):
        raise TypeError("dfc must be a DynamicFrameCollection, got {}".format(type(dfc).__name__))


class SelectFromCollection(GlueTransform):
    def __call__(self, dfc, key, transformation_ctx=""):
        _check_collection(dfc)
        return dfc.select(key, transformation_ctx)

    @classmethod
    def describeArgs(cls):
        return [_describe.arg("dfc", "DynamicFrameCollection", "the collection"),
                _describe.arg("key", "String", "name of the frame to select"),
                _describe.arg("transformation_ctx", "String", "transformation context", True, "")]

    @classmethod
    def describeTransform(cls):
        return "Select one frame of a DynamicFrameCollection"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the selected frame (empty if the key is absent)")


class MapToCollection(GlueTransform):
    def __call__(self, dfc, callable, transformation_ctx=""):
        _check_collection(dfc)
        return dfc.map(callable, transformation_ctx)

    @classmethod
    def describeArgs(cls):
        return [_describe.arg("dfc", "DynamicFrameCollection", "the collection"),
                _describe.arg("callable", "Function", "called as callable(frame, transformation_ctx)"),
                _describe.arg("transformation_ctx", "String", "transformation context", True, "")]

    @classmethod
    def describeTransform(cls):
        return "Apply a function to every frame of a DynamicFrameCollection"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.collection_return("the mapped collection")


class FlatMap(GlueTransform):
    def __call__(self, dfc, BaseTransform, frame_name, transformation_ctx="", **base_kwargs):
        _check_collection(dfc)

        def apply(frame, ctx):
            kwargs = dict(base_kwargs)
            kwargs[frame_name] = frame
            return BaseTransform.apply(transformation_ctx=ctx, **kwargs)

        return dfc.flatmap(apply, transformation_ctx)

    @classmethod
    def describeArgs(cls):
        return [_describe.arg("dfc", "DynamicFrameCollection", "the collection"),
                _describe.arg("BaseTransform", "GlueTransform", "transform applied to every frame"),
                _describe.arg("frame_name", "String", "argument name under which each frame is passed"),
                _describe.arg("transformation_ctx", "String", "transformation context", True, "")]

    @classmethod
    def describeTransform(cls):
        return "Apply a transform to every frame of a collection and flatten the results"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.collection_return("the flattened results")
