-- 0002: indicators (the catalogue, values per unit and period, import provenance and history,
-- yearly targets, report deadlines). Self-contained: only references `units`.

-- The catalogue. Ids 1–14 are the built-in indicators of interfaces.md §3 (labels and aliases
-- live in the code); an office's own indicators get the ids after them.
CREATE TABLE indicators (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    label    TEXT NOT NULL,
    measure  TEXT NOT NULL DEFAULT '',
    summable INTEGER NOT NULL DEFAULT 1 CHECK (summable IN (0, 1)),
    aliases  TEXT NOT NULL DEFAULT '',
    builtin  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO indicators (id, code, label, builtin) VALUES
    (1, 'training_sessions', 'Số buổi hội nghị, tập huấn', 1),
    (2, 'members_trained', 'Số thành viên Tổ được tập huấn', 1),
    (3, 'citizens_guided', 'Số người dân được hướng dẫn', 1),
    (4, 'dvc_accounts', 'Số tài khoản dịch vụ công trực tuyến được tạo', 1),
    (5, 'vneid_accounts', 'Số tài khoản VNeID được kích hoạt', 1),
    (6, 'online_applications', 'Số hồ sơ trực tuyến được hướng dẫn nộp', 1),
    (7, 'ewallet_accounts', 'Số tài khoản thanh toán, ví điện tử được mở', 1),
    (8, 'cashless_points', 'Số điểm, cửa hàng thanh toán không dùng tiền mặt', 1),
    (9, 'ecommerce_products', 'Số sản phẩm đưa lên sàn thương mại điện tử', 1),
    (10, 'ocop_products', 'Số sản phẩm OCOP của địa phương', 1),
    (11, 'ocop_on_ecommerce', 'Số sản phẩm OCOP được đưa lên sàn TMĐT', 1),
    (12, 'households_reached', 'Số hộ gia đình được hướng dẫn', 1),
    (13, 'digital_signatures', 'Số chữ ký số cá nhân được cấp', 1),
    (14, 'cyber_safety_guided', 'Số lượt người được hướng dẫn an toàn thông tin', 1);

-- One accepted import: its provenance. Kept when a later import replaces its values.
CREATE TABLE indicator_imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    period      TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units(id), -- NULL: rows matched over the whole registry
    row_count   INTEGER NOT NULL
);

-- The current value of an indicator for a unit and a period (text `2024`, `2024-H1`, `2024-Q2`,
-- `2024-05`). A blank cell is no row, never 0. `import_id` is NULL for sample data.
CREATE TABLE indicator_values (
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    period    TEXT NOT NULL,
    indicator INTEGER NOT NULL REFERENCES indicators(id),
    value     INTEGER NOT NULL CHECK (value >= 0),
    import_id INTEGER REFERENCES indicator_imports(id),
    PRIMARY KEY (unit_id, period, indicator)
) WITHOUT ROWID;

-- Values a later import replaced, with the import that replaced them.
CREATE TABLE indicator_values_replaced (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL,
    period      TEXT NOT NULL,
    indicator   INTEGER NOT NULL,
    value       INTEGER NOT NULL,
    import_id   INTEGER,
    replaced_by INTEGER NOT NULL REFERENCES indicator_imports(id)
);

-- Yearly targets of an activity plan.
CREATE TABLE indicator_targets (
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    year      INTEGER NOT NULL,
    indicator INTEGER NOT NULL REFERENCES indicators(id),
    target    INTEGER NOT NULL CHECK (target >= 0),
    PRIMARY KEY (unit_id, year, indicator)
) WITHOUT ROWID;

-- Report deadlines that differ from the default (the 20th of the period's last month), per
-- period and reporting level (the level of the units that report).
CREATE TABLE report_deadlines (
    period TEXT NOT NULL,
    level  TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
    due    TEXT NOT NULL,
    PRIMARY KEY (period, level)
);
