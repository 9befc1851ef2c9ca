from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class SplitRows(GlueTransform):
    def __call__(self, frame, comparison_dict, name1="frame1", name2="frame2", transformation_ctx="", info=None,
                 stageThreshold=0, totalThreshold=0):
        info = "" if info is None else info
        return frame.split_rows(comparison_dict, name1, name2, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("comparison_dict", "Dictionary", "{path: {op: value}} with ops =, !=, <, <=, >, >="),
                _describe.arg("name1", "String", "name of the frame with matching rows", True, "frame1"),
                _describe.arg("name2", "String", "name of the frame with the other rows", True, "frame2"),
                ] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Split a DynamicFrame into two by rows"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.collection_return("collection of the two frames")
