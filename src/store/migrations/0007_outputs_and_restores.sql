-- 0007: outputs that take their names after the register commits, and the mark of restores.
-- `pending_outputs` is the journal of those renames: a row is written in the transaction that
-- registers the output, naming the staged (temporary) file and its final name, and removed once
-- the file is renamed; a process killed in between has its renames finished at the next start.
CREATE TABLE pending_outputs (
    id     INTEGER PRIMARY KEY,
    staged TEXT NOT NULL,
    dest   TEXT NOT NULL
);

-- One row: a value a restore replaces with a new one. A connection that saw another value
-- before writing refuses the write (the data it prepared it against was replaced).
CREATE TABLE restore_mark (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    mark TEXT NOT NULL
);
INSERT INTO restore_mark (id, mark) VALUES (1, 'dau-tien');
