"""Pure text transforms for Arabic news: no Prefect, no IO."""
