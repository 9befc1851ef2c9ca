from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Spigot(GlueTransform):
    def __call__(self, frame, path, options=None, transformation_ctx=""):
        return frame.spigot(path, options or {}, transformation_ctx)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("path", "String", "where the sample is written as JSON lines"),
                _describe.arg("options", "Dictionary", "topk (default 100) and prob (default 1.0)", True, "{}"),
                _describe.arg("transformation_ctx", "String", "A unique string that is used to identify state information",
                              True, "")]

    @classmethod
    def describeTransform(cls):
        return "Write a sample of a DynamicFrame to a path and pass the frame through"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the input DynamicFrame")
