"""What a run says: the diagnostic and the formatters that write diagnostics out."""
