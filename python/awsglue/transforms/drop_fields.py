from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class DropFields(GlueTransform):
    def __call__(self, frame, paths, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.drop_fields(paths, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(), _describe.arg("paths", "List[String]", "full paths of the fields to drop")] + \
            _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Drop fields from a DynamicFrame"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("DynamicFrame without the dropped fields")
