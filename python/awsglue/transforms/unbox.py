from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Unbox(GlueTransform):
    def __call__(self, frame, path, format, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0, **options):
        return frame.unbox(path, format, transformation_ctx, info, stageThreshold, totalThreshold, **options)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("path", "String", "full path of the string field to parse"),
                _describe.arg("format", "String", "json or csv"),
                ] + _describe.common_args() + [
                _describe.arg("separator", "String", "csv separator", True, ","),
                _describe.arg("withSchema", "String", "JSON of the gluetypes StructType of the value", True, None)]

    @classmethod
    def describeTransform(cls):
        return "Parse a string field into a struct"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("DynamicFrame with the field unboxed")
