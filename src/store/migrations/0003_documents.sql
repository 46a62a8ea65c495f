-- 0003: the outgoing-document register (sổ đăng ký văn bản đi, Nghị định 30 App. IV).
-- `register` names the register a number comes from (the issuing body); `document_counters` keeps
-- the last number given per register and year, so a number is never given twice even when a
-- document is withdrawn.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units(id),
    summary     TEXT NOT NULL,
    created     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'signed')),
    register    TEXT NOT NULL,
    symbol      TEXT NOT NULL,
    year        INTEGER,
    number      INTEGER,
    issued_on   TEXT,
    signer      TEXT NOT NULL DEFAULT '',
    recipients  TEXT NOT NULL DEFAULT '',
    keeper      TEXT NOT NULL DEFAULT '',
    copies      INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    output_path TEXT,
    sha256      TEXT,
    UNIQUE (register, year, number)
);
CREATE INDEX documents_unit ON documents(unit_id);

CREATE TABLE document_counters (
    register TEXT NOT NULL,
    year     INTEGER NOT NULL,
    last     INTEGER NOT NULL,
    PRIMARY KEY (register, year)
);
