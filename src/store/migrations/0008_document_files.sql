-- 0007: one register entry, its files. A draft exported as PDF and as DOCX is one document with
-- one number: each format's file is a row here, both written again with the number and date when
-- the entry is issued. The entry's own `output_path`/`sha256` stay its main file (the PDF when it
-- has one: the file that is signed). `sections` keeps the section texts the clerk wrote for the
-- draft (JSON, by Roman numeral), as the window or the --sections file gave them.
CREATE TABLE document_files (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    format      TEXT NOT NULL CHECK (format IN ('pdf', 'docx')),
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    PRIMARY KEY (document_id, format)
);
INSERT INTO document_files (document_id, format, path, sha256)
SELECT id, CASE WHEN lower(output_path) LIKE '%.docx' THEN 'docx' ELSE 'pdf' END, output_path, sha256
FROM documents
WHERE output_path IS NOT NULL AND sha256 IS NOT NULL
  AND (lower(output_path) LIKE '%.pdf' OR lower(output_path) LIKE '%.docx');
CREATE INDEX document_files_sha ON document_files(sha256);
ALTER TABLE documents ADD COLUMN sections TEXT;
