from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class ApplyMapping(GlueTransform):
    def __call__(self, frame, mappings, case_sensitive=False, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        return frame.apply_mapping(mappings, case_sensitive, transformation_ctx, info, stageThreshold, totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("mappings", "List", "List of mapping tuples (source_path, source_type, target_path, target_type)"),
                _describe.arg("case_sensitive", "Boolean", "Whether source columns are matched case-sensitively", True, "False")
                ] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Apply a declarative mapping to this DynamicFrame."

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("DynamicFrame after applying mappings.")
