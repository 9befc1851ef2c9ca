from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Union(GlueTransform):
    def __call__(self, frame1, frame2, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame1.union(frame2, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg("frame1"), _describe.frame_arg("frame2")] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Union two DynamicFrames by field name"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the records of both frames")
