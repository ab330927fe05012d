"""The error catalogue: coded, actionable messages raised at a document boundary."""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep reports to a user; carries a stable code."""

    code = "E000"
    template = "{detail}"

    @classmethod
    def reason(cls) -> str:
        """The reason without the particulars, as a summary groups failures ("file is not valid UTF-8")."""
        return cls.template.split("{detail}")[0].strip(" ;(") or cls.__name__

    def __init__(self, source: str, detail: str = "") -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{self.code} {source}: {self.template.format(detail=detail)}")

    def __reduce__(self) -> tuple[type[SitrepError], tuple[str, str]]:
        """Pickle by source and detail, so errors cross from Dask workers to the driver intact."""
        return type(self), (self.source, self.detail)


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
    template = ("unsupported file type{detail}; sitrep reads text, JSONL, HTML, RSS/Atom feeds, WARC archives "
                "and URL lists, and folders of them")


class StoreError(SitrepError):
    """The database refused a document; its transaction was rolled back."""

    code = "E009"
    template = "the database refused the document{detail}; nothing of it was stored"


class UnrecognisedContent(SitrepError):
    """A file that is none of the formats sitrep reads, whatever its extension says."""

    code = "E010"
    template = ("content is none of the formats sitrep reads{detail}; give text, JSONL, HTML, "
                "an RSS or Atom feed, a WARC archive or a list of URLs")


class NoArticleText(SitrepError):
    """A web page, feed item or archived page whose main text could not be found."""

    code = "E011"
    template = "no article text found{detail}; the page may be only navigation, or need a browser to render"


class MalformedFeed(SitrepError):
    code = "E012"
    template = "the RSS/Atom feed could not be parsed{detail}"


class MalformedWarc(SitrepError):
    code = "E013"
    template = "the WARC archive is damaged{detail}; the records before the damage were read"


class FetchFailed(SitrepError):
    """A URL of a URL list that could not be fetched after the allowed retries."""

    code = "E014"
    template = "could not fetch the page{detail}"



class WorkerFailed(SitrepError):
    """A cluster worker died or raised while reading and extracting a share of the batch."""

    code = "E015"
    template = "a worker failed on this input{detail}; its documents were not stored, re-run to retry them"
