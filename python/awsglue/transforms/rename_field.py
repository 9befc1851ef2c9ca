from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class RenameField(GlueTransform):
    def __call__(self, frame, old_name, new_name, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.rename_field(old_name, new_name, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("old_name", "String", "full path of the field to rename"),
                _describe.arg("new_name", "String", "new full path of the field")] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Rename a field within a DynamicFrame"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("DynamicFrame with the field renamed")
