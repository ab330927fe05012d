"""The error catalogue: coded, actionable messages raised at a document boundary."""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep reports to a user; carries a stable code."""

    code = "E000"
    template = "{detail}"

    def __init__(self, source: str, detail: str = "") -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{self.code} {source}: {self.template.format(detail=detail)}")


class EmptyInput(SitrepError):
    code = "E001"
    template = "file is empty (nothing to extract){detail}"


class BinaryInput(SitrepError):
    code = "E002"
    template = "file looks binary, not text{detail}; give a UTF-8 .txt or .jsonl file"


class NotUtf8(SitrepError):
    code = "E003"
    template = "file is not valid UTF-8{detail}; re-encode it (e.g. iconv -t UTF-8)"


class TooLarge(SitrepError):
    code = "E004"
    template = "file is too large{detail}; split it or raise SITREP_MAX_FILE_BYTES"


class MalformedJsonLine(SitrepError):
    code = "E005"
    template = "malformed JSONL line{detail}"


class UnknownLanguage(SitrepError):
    code = "E006"
    template = "language not supported{detail}"


class UnreadablePath(SitrepError):
    code = "E007"
    template = "cannot read path{detail}"


class UnsupportedFormat(SitrepError):
    code = "E008"
    template = "unsupported file type{detail}; give .txt or .jsonl files or folders of them"


class StoreError(SitrepError):
    """The database refused a document; its transaction was rolled back."""

    code = "E009"
    template = "the database refused the document{detail}; nothing of it was stored"
