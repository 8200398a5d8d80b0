"""The analysts' data dictionary, generated from dbt's own docs artifacts (`make docs`)."""

from pipelines.docs.data_dictionary import write_data_dictionary

__all__ = ["write_data_dictionary"]
