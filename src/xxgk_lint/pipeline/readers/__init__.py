"""The readers: a format's bytes → lines of text with the origin of every character (HTML: its source
line and column; .docx, .pdf: the `Place` a person finds it at). `documents` picks a document's reader."""
