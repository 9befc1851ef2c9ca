from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class SplitFields(GlueTransform):
    def __call__(self, frame, paths, name1=None, name2=None, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        base = frame.name or "frame"
        name1 = base + "1" if name1 is None else name1
        name2 = base + "2" if name2 is None else name2
        return frame.split_fields(paths, name1, name2, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("paths", "List[String]", "fields that go to the first frame"),
                _describe.arg("name1", "String", "name of the frame with the given fields", True, "<frame name>1"),
                _describe.arg("name2", "String", "name of the frame with the other fields", True, "<frame name>2"),
                ] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Split a DynamicFrame into two by fields"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.collection_return("collection of the two frames")
