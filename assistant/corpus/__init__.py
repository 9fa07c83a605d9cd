"""The corpus: many documents (departments × years) in one database, side by side.

- `store`: incremental ingest — add, replace or remove one document in place, one transaction
  per document, the others untouched; list what the database holds.
- `names`: the department/year index (full names, derived short names, years) built from the
  `documents` table and the rules in `knowledge/corpus.toml`.
- `choose`: which document a question is about (named department/year, else the conversation's
  current document), or an honest reply / a clarifying question.
- `across`: series over the years of one department, differences between two years, rankings
  across departments of one year — each figure answered by its own document and cited to it.
- `router`: the service side — one answering context per document, lazily built, bounded.
"""
