"""The pipeline, one way: bytes → read (text, HTML) → decode → normalise → parts → tables → align to
the template → `report.Report`. It knows nothing of rules: the templates are passed in."""
