from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Join(GlueTransform):
    def __call__(self, frame1, frame2, keys1, keys2, transformation_ctx=""):
        # The reference does not forward transformation_ctx; Epoxy does.
        return frame1.join(keys1, keys2, frame2, transformation_ctx)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg("frame1"), _describe.frame_arg("frame2"),
                _describe.arg("keys1", "List[String]", "join keys of frame1"),
                _describe.arg("keys2", "List[String]", "join keys of frame2"),
                _describe.arg("transformation_ctx", "String", "A unique string that is used to identify state information",
                              True, "")]

    @classmethod
    def describeTransform(cls):
        return "Equijoin two DynamicFrames"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("the joined DynamicFrame")
