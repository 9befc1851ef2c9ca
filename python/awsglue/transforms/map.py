from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Map(GlueTransform):
    def __call__(self, frame, f, preservesPartitioning=False, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        return frame.map(f, preservesPartitioning, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("f", "Function", "function from DynamicRecord to DynamicRecord"),
                _describe.arg("preservesPartitioning", "Boolean", "accepted for compatibility", True, "False"),
                ] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Apply a function to every record of a DynamicFrame"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the mapped DynamicFrame")
