"""Helpers for the describe* methods of the transforms."""

_FRAME = {"name": "frame", "type": "DynamicFrame", "description": "The DynamicFrame to transform",
          "optional": False, "defaultValue": None}


def arg(name, type_name, description, optional=False, default=None):
    return {"name": name, "type": type_name, "description": description, "optional": optional,
            "defaultValue": default}


def frame_arg(name="frame"):
    return dict(_FRAME, name=name)


def common_args():
    """transformation_ctx, info, stageThreshold, totalThreshold."""
    return [
        arg("transformation_ctx", "String", "A unique string that is used to identify state information", True, ""),
        arg("info", "String", "Any string to be associated with errors in the transformation", True, "\"\""),
        arg("stageThreshold", "Integer", "Max number of errors in the transformation until processing will error out",
            True, "0"),
        arg("totalThreshold", "Integer", "Max number of errors total until processing will error out.", True, "0"),
    ]


def frame_return(description="A new DynamicFrame"):
    return {"type": "DynamicFrame", "description": description}


def collection_return(description):
    return {"type": "DynamicFrameCollection", "description": description}
