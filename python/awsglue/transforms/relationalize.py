from awsglue import utils
from awsglue.transforms import _describe
from awsglue.transforms.transform import GlueTransform


class Relationalize(GlueTransform):
    def __call__(self, frame, staging_path=None, name="roottable", options=None, transformation_ctx="", info="",
                 stageThreshold=0, totalThreshold=0):
        if staging_path is None:
            staging_path = utils._global_args.get("TempDir")
            if not staging_path:
                raise RuntimeError("Unable to set staging_path using args {}".format(utils._global_args))
        return frame.relationalize(name, staging_path, options or {}, transformation_ctx, info, stageThreshold,
                                   totalThreshold)

    @classmethod
    def describeArgs(cls):
        return [_describe.frame_arg(),
                _describe.arg("staging_path", "String", "staging path; defaults to --TempDir", True, None),
                _describe.arg("name", "String", "name of the root table", True, "roottable"),
                _describe.arg("options", "Dictionary", "currently unused", True, "{}"),
                ] + _describe.common_args()

    @classmethod
    def describeTransform(cls):
        return "Flatten nested structs and pivot arrays into separate frames"

    @classmethod
    def describeErrors(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return _describe.collection_return("the root frame and one frame per array")
