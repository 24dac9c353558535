"""The language server (`xxgk-lint server`): diagnostics and hover for reports open in an editor.

`linting` resolves settings and rules as the command line does and lints the editor's text;
`positions` turns code-point columns into the client's position encoding; `convert` makes LSP
diagnostics and hover text; `server` speaks the protocol (pygls, imported only here and by
`cli/server.py`)."""
