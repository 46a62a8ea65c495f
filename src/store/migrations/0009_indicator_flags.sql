-- 0008: an office's own indicator may count distinct people or households (never summed over
-- periods, never more than the people there are: `people`), and may be retired (no longer in
-- the catalogue, its stored values kept: `retired`). Built-in indicators take both from the code.
ALTER TABLE indicators ADD COLUMN people INTEGER NOT NULL DEFAULT 0 CHECK (people IN (0, 1));
ALTER TABLE indicators ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
