"""The evaluation harness: the SCHEMA.md scorer, the baseline, and side-by-side reports."""
