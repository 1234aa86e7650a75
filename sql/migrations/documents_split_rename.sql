-- Lakes built before 2026-12-06 (seventeenth round) hold `documents` as one table with the texts and the
-- decisions. Before the DDL runs, that table becomes `document_texts` (a rename: no file is rewritten);
-- documents_split.sql then moves the decisions out of it. Run only when `documents` is a table.
alter table documents rename to document_texts;
