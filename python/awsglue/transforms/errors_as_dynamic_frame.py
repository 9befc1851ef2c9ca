from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class ErrorsAsDynamicFrame(GlueTransform):
    def __call__(self, frame):
        return frame.errorsAsDynamicFrame()

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg()]

    @classmethod
    def describeTransform(cls):
        return "Get the error records of a DynamicFrame and its lineage"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the error records")
