from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Coalesce(GlueTransform):
    def __call__(self, frame, num_partitions, shuffle=False, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        return frame.coalesce(num_partitions, shuffle, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(), _describe.arg("num_partitions", "Integer", "number of partitions"),
                _describe.arg("shuffle", "Boolean", "whether to shuffle", True, "False")] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Coalesce the partitions of a DynamicFrame"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the coalesced DynamicFrame")
