from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class UnnestFrame(GlueTransform):
    def __call__(self, frame, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.unnest(transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg()] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Flatten the structs of a DynamicFrame into top-level fields"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the unnested DynamicFrame")
