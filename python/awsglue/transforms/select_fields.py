from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class SelectFields(GlueTransform):
    def __call__(self, frame, paths, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.select_fields(paths, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(), _describe.arg("paths", "List[String]", "top-level fields to keep")] + \
            _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Select fields from a DynamicFrame"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("DynamicFrame with only the selected fields")
