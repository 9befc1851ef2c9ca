from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Filter(GlueTransform):
    def __call__(self, frame, f, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.filter(f, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("f", "Function", "predicate on a DynamicRecord; KeyError, ValueError and TypeError drop "
                                               "the record, other exceptions make it an error record")
                ] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Keep the records for which a function returns true"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the filtered DynamicFrame")
