"""akhbar: a batch ETL pipeline for Arabic news.

Raw articles are read from registered sources, cleaned and tokenized (camel-tools),
enriched with quotes and keywords, validated with Great Expectations and published as
Parquet tables partitioned by date and source.
"""

__version__ = "0.1.0"
