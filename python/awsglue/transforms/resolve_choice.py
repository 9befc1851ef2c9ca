from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class ResolveChoice(GlueTransform):
    def __call__(self, frame, specs=None, choice="", database=None, table_name=None, transformation_ctx="", info="",
                 stageThreshold=0, totalThreshold=0, catalog_id=None):
        return frame.resolveChoice(specs, choice, database, table_name, transformation_ctx, info, stageThreshold,
                                   totalThreshold, catalog_id)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("specs", "List", "List of (path, action) tuples: cast:<type>, project:<type>, make_cols, make_struct",
                              True, None),
                _describe.arg("choice", "String", "Action applied to every choice not listed in specs", True, "\"\""),
                _describe.arg("database", "String", "Data Catalog database for match_catalog", True, None),
                _describe.arg("table_name", "String", "Data Catalog table for match_catalog", True, None),
                ] + _describe.common_args() + [_describe.arg("catalog_id", "String", "Data Catalog id", True, None)]

    @classmethod
    def describeTransform(cls):
        return "Resolve choice types in this DynamicFrame."

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.frame_return("DynamicFrame after resolving choices.")
