from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class DropNullFields(GlueTransform):
    """Drops the fields whose type is null (top level, in structs and in structs inside arrays).

    Unlike the reference, nothing is printed: statement output stays the user's own."""

    def __call__(self, frame, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.drop_null_fields(transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg()] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Drop all null fields in this DynamicFrame"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("DynamicFrame without null fields.")
