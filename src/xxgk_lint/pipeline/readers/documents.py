"""Which reader reads a document: .docx by our own OOXML reader, .pdf by pdfplumber, and .doc, .wps
and .odt through LibreOffice into .docx. Imported only when a document is linted: the readers'
libraries (defusedxml, pdfplumber) are never loaded for text."""
from __future__ import annotations

from . import docx_reader
from .document import DocumentError, Extracted


def read_document(path: str, data: bytes) -> Extracted:
    suffix = path.lower().rsplit(".", 1)[-1]
    if suffix == "docx":
        return docx_reader.read(data)
    if suffix == "pdf":
        try:
            from . import pdf_reader  # pdfplumber: an extra, ~150 ms; only for PDFs
        except ImportError as exc:
            raise DocumentError(
                f"reading PDF needs the pdf extra, which is not installed ({exc.name or exc}): "
                "pip install 'xxgk-lint[pdf]'",
                f"读取 PDF 需要安装 pdf 扩展（缺少 {exc.name or exc}）：pip install 'xxgk-lint[pdf]'") from None
        return pdf_reader.read(data)
    from . import convert  # LibreOffice: only for the old formats
    return docx_reader.read(convert.to_docx(data, suffix))
