"""Raw files in the source folder to cleaned documents or rejections with a reason."""

from .discovery import discover
from .documents import read_document
from .records import DocumentText, Rejection, SourceFile, Unchanged

__all__ = ["DocumentText", "Rejection", "SourceFile", "Unchanged", "discover", "read_document"]
