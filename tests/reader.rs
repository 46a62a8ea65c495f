//! The sheet reader on sheets shaped like the ones offices really have (tests/data/real): each
//! file is read the way an importer will (layout, then each row classified, then its values),
//! and the members, units and values read are checked field by field, row by row.

use std::path::PathBuf;

use chrono::NaiveDate;
use cnscd::import::Cell;
use cnscd::import::encoding::TextEncoding;
use cnscd::import::sheet_layout::{
    ColumnChoice, FieldSpec, Layout, Overrides, RowKind, Total, key, roster_fields, unit_fields,
};
use cnscd::import::unit_names::{UnitEntry, UnitNames, Unresolved, Want};
use cnscd::import::values::{
    gender_from_marks, parse_gender, parse_phone, parse_role, parse_trained, year_and_gender,
};
use cnscd::import::workbook::{self, SheetRead};
use cnscd::model::{Gender, Level, Role};
use cnscd::vietnamese::parse_number;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(name)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

/// A member as a roster row gives them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub(crate) line: usize,
    pub(crate) name: String,
    pub(crate) year: Option<i32>,
    pub(crate) gender: Option<Gender>,
    pub(crate) unit: String,
    pub(crate) role: Option<Role>,
    pub(crate) position: String,
    pub(crate) phone: Option<String>,
    pub(crate) email: String,
    pub(crate) trained: Option<bool>,
}

/// What a roster file reads as.
#[derive(Debug, Default)]
struct Roster {
    members: Vec<Member>,
    /// Problems: line, field, reason.
    problems: Vec<(usize, String, String)>,
    sections: Vec<(usize, String)>,
    totals: Vec<Total>,
    skipped: Vec<(usize, String)>,
}

fn cell(cells: &[Cell], col: Option<usize>) -> Cell {
    col.and_then(|c| cells.get(c))
        .cloned()
        .unwrap_or(Cell::Empty)
}

fn text(cells: &[Cell], col: Option<usize>) -> String {
    cell(cells, col).text().trim().to_string()
}

/// Reads a roster the way the importer will: the layout from the first rows, then each row.
fn read_roster(read: &SheetRead, overrides: &Overrides) -> (Layout, Roster) {
    let mut layout = Layout::detect(&read.head(), &read.merges, &roster_fields(), overrides)
        .unwrap_or_else(|u| panic!("unsettled: {u:?}"));
    let mut out = Roster::default();
    let end = layout.header_end();
    for (line, cells) in read.lines().filter(|(l, _)| *l > end) {
        match layout.classify(line, cells) {
            RowKind::Data { sections } => {
                let mut bad = |field: &str, reason: String| {
                    out.problems.push((line, field.to_string(), reason));
                };
                let year_cells: Vec<(Option<String>, Cell)> = layout
                    .columns_of(key::YEAR)
                    .map(|c| (c.sub.clone(), cell(cells, Some(c.index))))
                    .collect();
                let year_cells: Vec<(Option<&str>, &Cell)> =
                    year_cells.iter().map(|(s, c)| (s.as_deref(), c)).collect();
                let (year, mut gender) = year_and_gender(&year_cells, today())
                    .map(|(y, g)| (y.map(|y| y.year), g))
                    .unwrap_or_else(|e| {
                        bad(key::YEAR, e.reason);
                        (None, None)
                    });
                let genders: Vec<(Option<String>, Cell)> = layout
                    .columns_of(key::GENDER)
                    .map(|c| (c.sub.clone(), cell(cells, Some(c.index))))
                    .collect();
                let from_column = match genders.as_slice() {
                    [] => Ok(None),
                    [(None, c)] => parse_gender(c),
                    many => gender_from_marks(
                        &many
                            .iter()
                            .map(|(s, c)| (s.as_deref(), c))
                            .collect::<Vec<_>>(),
                    ),
                };
                match from_column {
                    Ok(Some(g)) => gender = Some(g),
                    Ok(None) => {}
                    Err(e) => bad(key::GENDER, e.reason),
                }
                let role = parse_role(&cell(cells, layout.column(key::ROLE))).unwrap_or_else(|e| {
                    bad(key::ROLE, e.reason);
                    None
                });
                let phone = parse_phone(&cell(cells, layout.column(key::PHONE)))
                    .map(|p| p.map(|p| p.number))
                    .unwrap_or_else(|e| {
                        bad(key::PHONE, e.reason);
                        None
                    });
                let trained_cell = layout.column(key::TRAINED).map(|c| cell(cells, Some(c)));
                let trained = parse_trained(trained_cell.as_ref()).unwrap_or_else(|e| {
                    bad(key::TRAINED, format!("«{}»: {}", e.value, e.reason));
                    None
                });
                let unit = match layout.column(key::UNIT) {
                    Some(c) => text(cells, Some(c)),
                    None => sections.last().map(|s| s.unit.clone()).unwrap_or_default(),
                };
                out.members.push(Member {
                    line,
                    name: text(cells, layout.column(key::NAME)),
                    year,
                    gender,
                    unit,
                    role,
                    position: text(cells, layout.column(key::POSITION)),
                    phone,
                    email: text(cells, layout.column(key::EMAIL)),
                    trained,
                });
            }
            RowKind::Section(s) => out.sections.push((line, s.unit)),
            RowKind::Total(t) => out.totals.push(t),
            RowKind::Skipped(s) => out.skipped.push((line, s.reason())),
        }
    }
    (layout, out)
}

#[allow(
    clippy::too_many_arguments,
    reason = "one member's fields, as a table row"
)]
fn m(
    line: usize,
    name: &str,
    year: i32,
    gender: Option<Gender>,
    unit: &str,
    role: Role,
    position: &str,
    phone: Option<&str>,
) -> Member {
    Member {
        line,
        name: name.into(),
        year: Some(year),
        gender,
        unit: unit.into(),
        role: Some(role),
        position: position.into(),
        phone: phone.map(String::from),
        email: String::new(),
        trained: None,
    }
}

const MALE: Option<Gender> = Some(Gender::Male);
const FEMALE: Option<Gender> = Some(Gender::Female);

pub(crate) fn nam_nu_members() -> Vec<Member> {
    use Role::{Deputy, Leader, Member as Tv};
    let (ap, ny, tl) = ("THÔN AN PHÚ", "THÔN NAM YÊN", "THÔN TÀ LANG");
    vec![
        m(
            11,
            "Lê Văn Hùng",
            1975,
            MALE,
            ap,
            Leader,
            "Trưởng thôn",
            Some("0905123456"),
        ),
        m(
            12,
            "Nguyễn Thị Mai",
            1990,
            FEMALE,
            ap,
            Deputy,
            "Bí thư Chi đoàn thôn",
            Some("0912345678"),
        ),
        m(
            13,
            "Trần Văn Tâm",
            1982,
            MALE,
            ap,
            Tv,
            "Công an viên",
            Some("0935111222"),
        ),
        m(
            14,
            "Phạm Thị Thu Hà",
            1996,
            FEMALE,
            ap,
            Tv,
            "Chi hội trưởng Phụ nữ",
            Some("0986222333"),
        ),
        m(
            16,
            "Hồ Văn Sáu",
            1968,
            MALE,
            ny,
            Leader,
            "Trưởng thôn",
            Some("0905444555"),
        ),
        m(
            17,
            "Alăng Thị Hoa",
            1993,
            FEMALE,
            ny,
            Deputy,
            "Bí thư Chi đoàn",
            Some("0326777888"),
        ),
        m(
            18,
            "Bhling Văn Tuấn",
            2001,
            MALE,
            ny,
            Tv,
            "Đoàn viên",
            Some("0779123456"),
        ),
        m(
            20,
            "Tống Văn Bình",
            1979,
            MALE,
            tl,
            Leader,
            "Trưởng thôn",
            Some("0905666777"),
        ),
        m(
            21,
            "Vi Thị Lan",
            1985,
            FEMALE,
            tl,
            Deputy,
            "Chi hội trưởng Nông dân",
            Some("0987654321"),
        ),
        m(
            22,
            "Đinh Văn Nam",
            1999,
            MALE,
            tl,
            Tv,
            "Thanh niên tình nguyện",
            Some("0868999000"),
        ),
        m(
            23,
            "Hoàng Thị Ngọc",
            2003,
            FEMALE,
            tl,
            Tv,
            "Sinh viên",
            None,
        ),
    ]
}

#[test]
fn nam_nu_roster_with_sections_and_footer_in_xlsx_xls_and_ods() {
    for file in [
        "to-cnscd-nam-nu.xlsx",
        "to-cnscd-nam-nu.xls",
        "to-cnscd-nam-nu.ods",
    ] {
        let read = workbook::read(&data(file), None).expect(file);
        assert_eq!(read.sheet.name, "DS thành viên", "{file}");
        // The .xlsx and .xls keep their merged cells; the .ods does not, and reads the same.
        assert_eq!(read.merges.is_empty(), file.ends_with(".ods"), "{file}");
        let (layout, r) = read_roster(&read, &Overrides::default());
        assert_eq!(layout.header_lines, vec![7, 8], "{file}");
        assert_eq!(layout.preamble.unit_hint.as_deref(), Some("XÃ HÒA BẮC"));
        assert!(layout.column(key::TRAINED).is_none());
        assert_eq!(r.members, nam_nu_members(), "{file}");
        assert!(r.problems.is_empty(), "{file}: {:?}", r.problems);
        assert_eq!(
            r.sections,
            vec![
                (10, "THÔN AN PHÚ".to_string()),
                (15, "THÔN NAM YÊN".to_string()),
                (19, "THÔN TÀ LANG".to_string())
            ],
            "{file}"
        );
        // The typed total agrees with the members read.
        assert_eq!(r.totals.len(), 1, "{file}");
        assert_eq!(r.totals[0].line, 24);
        assert_eq!(r.totals[0].count, Some(r.members.len() as i64));
        assert!(!r.totals[0].subtotal);
        let skipped: Vec<(usize, &str)> = r.skipped.iter().map(|(l, s)| (*l, s.as_str())).collect();
        assert_eq!(
            skipped,
            vec![
                (9, "dòng đánh số cột"),
                (
                    25,
                    "ghi chú «Ghi chú: Danh sách gồm 03 Tổ Công nghệ số cộng đồng của 03 thôn.»"
                ),
                (27, "phần ký tên «Hòa Bắc, ngày 10 tháng 3 năm 2025»"),
                (28, "phần ký tên «NGƯỜI LẬP BIỂU | TM. ỦY BAN NHÂN DÂN»"),
                (29, "phần ký tên «(Ký, ghi rõ họ tên) | CHỦ TỊCH»"),
                (33, "phần ký tên «Nguyễn Thị Thanh Lan | Phạm Văn Đức»"),
            ],
            "{file}"
        );
    }
}

pub(crate) fn row9_members() -> Vec<Member> {
    use Role::{Deputy, Leader, Member as Tv};
    let with = |mut m: Member, email: &str, trained: bool| {
        m.email = email.into();
        m.trained = Some(trained);
        m
    };
    let (t5, t12, t7) = ("TDP Số 5", "Tổ dân phố 12", "TDP 7");
    vec![
        with(
            m(
                10,
                "Nguyễn Văn An",
                1980,
                MALE,
                t5,
                Leader,
                "Tổ trưởng TDP",
                Some("0905111001"),
            ),
            "an.nv@gmail.com",
            true,
        ),
        with(
            m(
                11,
                "Trần Thị Bích",
                1985,
                FEMALE,
                t5,
                Deputy,
                "Bí thư Chi đoàn",
                Some("0905111002"),
            ),
            "",
            true,
        ),
        with(
            m(
                12,
                "Lê Minh Châu",
                1999,
                FEMALE,
                t5,
                Tv,
                "Công an khu vực",
                Some("0935111003"),
            ),
            "chau.lm@danang.gov.vn",
            false,
        ),
        with(
            m(
                13,
                "Phan Đức Dũng",
                1978,
                MALE,
                t12,
                Leader,
                "Tổ trưởng TDP",
                Some("0914111004"),
            ),
            "",
            true,
        ),
        with(
            m(
                14,
                "Võ Thị Hương",
                1992,
                FEMALE,
                t12,
                Tv,
                "Chi hội trưởng Phụ nữ",
                Some("0914111005"),
            ),
            "",
            false,
        ),
        with(
            m(
                15,
                "Đặng Quốc Huy",
                2004,
                MALE,
                t12,
                Tv,
                "Đoàn viên",
                Some("0336111006"),
            ),
            "huy.dq@gmail.com",
            true,
        ),
        with(
            m(
                16,
                "Bùi Thị Kim Liên",
                1970,
                FEMALE,
                t7,
                Leader,
                "Trưởng ban công tác Mặt trận",
                Some("0905111007"),
            ),
            "",
            true,
        ),
        with(
            m(
                17,
                "Huỳnh Văn Long",
                1988,
                MALE,
                t7,
                Tv,
                "Công an khu vực",
                Some("0905111008"),
            ),
            "",
            false,
        ),
    ]
}

#[test]
fn roster_with_its_header_on_row_9_in_every_format_and_encoding() {
    let files = [
        ("to-cnscd-tieu-de-dong-9.xlsx", None),
        ("to-cnscd-tieu-de-dong-9.xls", None),
        ("to-cnscd-tieu-de-dong-9.ods", None),
        (
            "to-cnscd-tieu-de-dong-9-windows-1258.csv",
            Some((TextEncoding::Windows1258, b';')),
        ),
        (
            "to-cnscd-tieu-de-dong-9-unicode.txt",
            Some((TextEncoding::Utf16Le { bom: true }, b'\t')),
        ),
    ];
    for (file, decoded) in files {
        let read = workbook::read(&data(file), None).expect(file);
        assert_eq!(read.decoded, decoded, "{file}");
        let (layout, r) = read_roster(&read, &Overrides::default());
        assert_eq!(layout.header_lines, vec![9], "{file}");
        assert_eq!(
            layout.preamble.unit_hint.as_deref(),
            Some("PHƯỜNG HẢI CHÂU"),
            "{file}"
        );
        let mut want = row9_members();
        let mut problems = Vec::new();
        if file.ends_with("1258.csv") {
            // Windows-1258 has no ✓: Excel wrote `?`, and the clerk is told.
            want[1].trained = None;
            problems.push((
                11,
                key::TRAINED.to_string(),
                "«?»: đã tập huấn ghi «x»/«có» hoặc để trống/«chưa»".to_string(),
            ));
        }
        assert_eq!(r.members, want, "{file}");
        assert_eq!(r.problems, problems, "{file}");
        assert!(r.sections.is_empty(), "{file}");
        assert_eq!(r.totals.len(), 1);
        assert_eq!(r.totals[0].count, Some(8), "{file}");
        let skipped: Vec<usize> = r.skipped.iter().map(|(l, _)| *l).collect();
        assert_eq!(skipped, vec![20, 21, 22, 25], "{file}: {:?}", r.skipped);
    }
}

#[test]
fn a_sheet_the_reader_cannot_settle_reads_after_the_clerk_maps_one_column() {
    let read = workbook::read(&data("to-cnscd-tieu-de-dong-9.xlsx"), None).expect("read");
    // The same roster with its role column headed in a way no catalogue knows.
    let mut head = read.head();
    let header = head.iter_mut().find(|(l, _)| *l == 9).expect("line 9");
    header.1[5] = Cell::Text("Phân công".into());
    let fields = roster_fields();
    let u =
        Layout::detect(&head, &read.merges, &fields, &Overrides::default()).expect_err("unsettled");
    assert_eq!(u.missing, vec!["Chức vụ trong Tổ".to_string()]);
    assert_eq!(u.header_guess, Some(vec![9]));
    assert!(u.rows.iter().any(|(l, t)| *l == 9 && t[5] == "Phân công"));
    let o = Overrides {
        columns: vec![ColumnChoice::parse("F=Chức vụ trong Tổ", &fields).expect("F")],
        ..Overrides::default()
    };
    let layout = Layout::detect(&head, &read.merges, &fields, &o).expect("settled");
    assert_eq!(layout.column(key::ROLE), Some(5));
    assert!(u.candidates.iter().any(|(_, f)| *f == layout.fingerprint));
}

/// The indicator catalogue's fields, and the unit column.
fn indicator_fields() -> Vec<FieldSpec> {
    let mut fields = vec![FieldSpec::new(
        "unit",
        "Đơn vị",
        &["Tên đơn vị", "Xã, phường", "Huyện/TX/TP", "Địa phương"],
        true,
    )];
    for i in cnscd::model::Catalogue::builtin().all() {
        let aliases: Vec<&str> = i.aliases.iter().map(String::as_str).collect();
        fields.push(FieldSpec::new(&i.code, &i.label, &aliases, false));
    }
    fields
}

fn number(c: &Cell) -> Option<i64> {
    match c {
        Cell::Number(n) => Some(*n as i64),
        Cell::Text(t) => parse_number(t),
        _ => None,
    }
}

#[test]
fn indicator_sheet_grouped_under_districts_with_subtotals_and_footnotes() {
    let read = workbook::read(&data("chi-tieu-6-thang-2025.xlsx"), None).expect("read");
    let fields = indicator_fields();
    let mut layout =
        Layout::detect(&read.head(), &read.merges, &fields, &Overrides::default()).expect("layout");
    assert_eq!(layout.header_lines, vec![6, 7]);
    let codes = [
        "citizens_guided",
        "vneid_accounts",
        "ewallet_accounts",
        "households_reached",
    ];
    let cols: Vec<(usize, &str)> = layout
        .columns
        .iter()
        .map(|c| (c.index, c.key.as_str()))
        .collect();
    assert_eq!(
        cols,
        vec![
            (1, "unit"),
            (2, codes[0]),
            (3, codes[1]),
            (4, codes[2]),
            (5, codes[3])
        ]
    );
    // A small registry: Đà Nẵng's district and its communes (codes as the registry holds them).
    let mut names = UnitNames::default();
    let city = names.push(UnitEntry::from_row(
        Some("48"),
        "Thành phố Đà Nẵng",
        "Thành phố trực thuộc trung ương",
    ));
    let mut add = |code: &str, name: &str, parent: usize| {
        let i = names.push(UnitEntry::from_row(Some(code), name, ""));
        names.set_parent(i, Some(parent));
        i
    };
    let hv = add("497", "Huyện Hòa Vang", city);
    let lc = add("490", "Quận Liên Chiểu", city);
    for (code, name, parent) in [
        ("20308", "Xã Hòa Bắc", hv),
        ("20311", "Xã Hòa Ninh", hv),
        ("20314", "Xã Hòa Phú", hv),
        ("20317", "Xã Hòa Liên", hv),
        ("20194", "Phường Hòa Khánh Bắc", lc),
        ("20200", "Phường Hòa Minh", lc),
        ("20197", "Phường Hòa Hiệp Nam", lc),
        // A commune of the same name elsewhere, for the section to tell apart.
        ("99999", "Xã Hòa Liên", city),
    ] {
        add(code, name, parent);
    }
    let mut rows: Vec<(usize, String, Vec<Option<i64>>)> = Vec::new();
    let mut checked_totals = Vec::new();
    let mut part: Vec<Vec<Option<i64>>> = Vec::new();
    let mut all: Vec<Vec<Option<i64>>> = Vec::new();
    let mut skipped = Vec::new();
    let end = layout.header_end();
    for (line, cells) in read.lines().filter(|(l, _)| *l > end) {
        match layout.classify(line, cells) {
            RowKind::Data { sections } => {
                let values: Vec<Option<i64>> =
                    (2..6).map(|c| number(&cell(cells, Some(c)))).collect();
                let hint: Vec<usize> = sections
                    .iter()
                    .filter_map(|s| names.resolve(&s.unit, &Want::default()).ok())
                    .collect();
                let unit = names
                    .resolve(
                        &text(cells, layout.column("unit")),
                        &Want {
                            above: None,
                            hints: &hint,
                            exclude: None,
                        },
                    )
                    .map(|i| names.entry(i).code.clone().unwrap_or_default())
                    .unwrap_or_else(|e| format!("lỗi {e:?}"));
                part.push(values.clone());
                all.push(values.clone());
                rows.push((line, unit, values));
            }
            RowKind::Total(t) => {
                let sums = if t.subtotal { &part } else { &all };
                let typed: Vec<Option<i64>> = codes
                    .iter()
                    .map(|k| {
                        t.values
                            .iter()
                            .find(|(f, _)| f == k)
                            .and_then(|(_, c)| number(c))
                    })
                    .collect();
                let computed: Vec<Option<i64>> = (0..4)
                    .map(|k| sums.iter().filter_map(|v| v[k]).reduce(|a, b| a + b))
                    .collect();
                let wrong: Vec<(&str, Option<i64>, Option<i64>)> = (0..4)
                    .filter(|k| typed[*k] != computed[*k])
                    .map(|k| (codes[k], typed[k], computed[k]))
                    .collect();
                checked_totals.push((line, t.subtotal, wrong));
                part.clear();
            }
            RowKind::Section(_) => part.clear(),
            RowKind::Skipped(_) => skipped.push(line),
        }
    }
    let v = |a: i64, b: i64, c: i64, d: i64| vec![Some(a), Some(b), Some(c), Some(d)];
    assert_eq!(
        rows,
        vec![
            (10, "20308".into(), v(1250, 430, 85, 310)),
            (11, "20311".into(), v(980, 365, 60, 240)),
            (12, "20314".into(), vec![None; 4]),
            (13, "20317".into(), v(1105, 402, 71, 288)),
            (16, "20194".into(), v(2140, 890, 150, 610)),
            (17, "20200".into(), v(1760, 712, 133, 505)),
            (18, "20197".into(), v(905, 388, 64, 270)),
        ]
    );
    assert_eq!(
        checked_totals,
        vec![
            (14, true, vec![]),
            (19, true, vec![]),
            (20, false, vec![("vneid_accounts", Some(3178), Some(3187))]),
        ]
    );
    assert_eq!(skipped, vec![8, 21, 22, 23, 25, 26, 27, 30]);
}

/// A unit list's rows: name, level word, parent as written, code.
fn unit_rows(read: &SheetRead) -> Vec<(usize, String, String, String, String)> {
    let mut layout = Layout::detect(
        &read.head(),
        &read.merges,
        &unit_fields(),
        &Overrides::default(),
    )
    .expect("layout");
    let mut out = Vec::new();
    let end = layout.header_end();
    for (line, cells) in read.lines().filter(|(l, _)| *l > end) {
        if let RowKind::Data { .. } = layout.classify(line, cells) {
            let t = |k: &str| text(cells, layout.column(k));
            out.push((
                line,
                t(key::NAME_OF_UNIT),
                t(key::LEVEL),
                t(key::PARENT),
                t(key::CODE),
            ));
        }
    }
    out
}

/// Resolves every row's parent (in file order, each placed before the rows below use it).
fn resolve_parents(
    rows: &[(usize, String, String, String, String)],
    written: impl Fn(&str) -> String,
) -> (UnitNames, Vec<Result<usize, Unresolved>>) {
    let mut names = UnitNames::default();
    let idx: Vec<usize> = rows
        .iter()
        .map(|(_, name, level, _, code)| names.push(UnitEntry::from_row(Some(code), name, level)))
        .collect();
    let mut parents = Vec::new();
    for (row, i) in rows.iter().zip(&idx) {
        let parent = written(&row.3);
        if parent.is_empty() {
            parents.push(Ok(usize::MAX));
            continue;
        }
        let want = Want {
            above: names.entry(*i).level,
            hints: &[],
            exclude: Some(*i),
        };
        let r = names.resolve(&parent, &want);
        if let Ok(p) = r {
            names.set_parent(*i, Some(p));
        }
        parents.push(r);
    }
    (names, parents)
}

#[test]
fn unit_list_where_a_province_and_its_ward_share_a_name() {
    let read = workbook::read(&data("don-vi-tinh-phuong.xlsx"), None).expect("read");
    let rows = unit_rows(&read);
    assert_eq!(rows.len(), 18);
    let (names, parents) = resolve_parents(&rows, str::to_string);
    let got: Vec<(String, String)> = rows
        .iter()
        .zip(&parents)
        .map(|(row, p)| {
            let parent = match p {
                Ok(usize::MAX) => "—".to_string(),
                Ok(p) => names.entry(*p).code.clone().unwrap_or_default(),
                Err(e) => e.reason(&names),
            };
            (row.1.clone(), parent)
        })
        .collect();
    let want: Vec<(&str, &str)> = vec![
        ("Lào Cai", "—"),
        ("Thanh Hóa", "—"),
        ("Quảng Trị", "—"),
        ("Phú Thọ", "—"),
        ("Thành phố Hồ Chí Minh", "—"),
        ("Phường Lào Cai", "15"),
        ("Xã Khánh Hòa", "15"),
        ("Xã Quảng Ninh", "38"),
        ("Xã Quảng Ninh", "44"),
        ("Phường Quảng Trị", "44"),
        ("Phường Phú Thọ", "25"),
        ("Phường Phú Thọ", "79"),
        ("Thôn Phú Hòa", "19207"),
        ("Thôn Trung Lực", "16540"),
        ("Tổ dân phố Kim Tân", "02647"),
        ("Tổ dân phố số 3", "02647"),
        (
            "Thôn Xuân Lai",
            "«Xã Quảng Ninh» khớp với 2 đơn vị ngang nhau (16540 – Xã Quảng Ninh thuộc Tỉnh \
             Thanh Hóa; 19207 – Xã Quảng Ninh thuộc Tỉnh Quảng Trị); hãy ghi mã đơn vị, hoặc \
             ghi kèm đơn vị cấp trên của nó (ví dụ «Xã Quảng Ninh, Tỉnh …»)",
        ),
        ("Khu phố 1", "27226"),
    ];
    let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
}

/// The 34 provinces and cities of 2025 by the names the official appendix writes as parents.
const PROVINCES: &[(&str, &str)] = &[
    ("01", "Hà Nội"),
    ("04", "Cao Bằng"),
    ("08", "Tuyên Quang"),
    ("11", "Điện Biên"),
    ("12", "Lai Châu"),
    ("14", "Sơn La"),
    ("15", "Lào Cai"),
    ("19", "Thái Nguyên"),
    ("20", "Lạng Sơn"),
    ("22", "Quảng Ninh"),
    ("24", "Bắc Ninh"),
    ("25", "Phú Thọ"),
    ("31", "Hải Phòng"),
    ("33", "Hưng Yên"),
    ("37", "Ninh Bình"),
    ("38", "Thanh Hóa"),
    ("40", "Nghệ An"),
    ("42", "Hà Tĩnh"),
    ("44", "Quảng Trị"),
    ("46", "Huế"),
    ("48", "Đà Nẵng"),
    ("51", "Quảng Ngãi"),
    ("52", "Gia Lai"),
    ("56", "Khánh Hòa"),
    ("66", "Đắk Lắk"),
    ("68", "Lâm Đồng"),
    ("75", "Đồng Nai"),
    ("79", "Hồ Chí Minh"),
    ("80", "Tây Ninh"),
    ("82", "Đồng Tháp"),
    ("86", "Vĩnh Long"),
    ("91", "An Giang"),
    ("92", "Cần Thơ"),
    ("96", "Cà Mau"),
];

/// The province a parent text names, by plain string cutting (independent of the resolver).
fn province_code(parent: &str) -> &'static str {
    let bare = ["Thành phố ", "Tỉnh ", "Tp "]
        .iter()
        .find_map(|p| parent.strip_prefix(p))
        .unwrap_or(parent);
    PROVINCES
        .iter()
        .find(|(_, n)| *n == bare)
        .map(|(c, _)| *c)
        .unwrap_or_else(|| panic!("no province «{parent}»"))
}

#[test]
fn the_official_2025_list_places_every_commune_under_its_own_province() {
    let read = workbook::read(&data("don-vi-hanh-chinh-2025.csv"), None).expect("read");
    assert_eq!(read.decoded, Some((TextEncoding::Utf8Bom, b',')));
    let rows = unit_rows(&read);
    assert_eq!(rows.len(), 34 + 3321);
    let kinds = |k: &str| rows.iter().filter(|r| r.2 == k).count();
    assert_eq!(
        (kinds("Xã"), kinds("Phường"), kinds("Đặc khu")),
        (2621, 687, 13)
    );
    // As written (`Tỉnh Lào Cai`, `Tp Hồ Chí Minh`), then bare (`Lào Cai`: a province and its
    // ward `Phường Lào Cai` share the name; `Quảng Ninh` is a province and two communes).
    let bare = |p: &str| {
        ["Thành phố ", "Tỉnh ", "Tp "]
            .iter()
            .find_map(|x| p.strip_prefix(x))
            .unwrap_or(p)
            .to_string()
    };
    for (how, written) in [
        (
            "as written",
            &(|p: &str| p.to_string()) as &dyn Fn(&str) -> String,
        ),
        ("bare", &bare),
    ] {
        let started = std::time::Instant::now();
        let (names, parents) = resolve_parents(&rows, written);
        let took = started.elapsed();
        let mut placed = 0;
        for (row, p) in rows.iter().zip(&parents).skip(34) {
            let p = p
                .as_ref()
                .unwrap_or_else(|e| panic!("{how}: line {}: {}", row.0, e.reason(&names)));
            let got = names.entry(*p).code.as_deref().unwrap_or_default();
            assert_eq!(
                got,
                province_code(&row.3),
                "{how}: line {} {}",
                row.0,
                row.1
            );
            assert_eq!(names.entry(*p).level, Some(Level::Province));
            placed += 1;
        }
        assert_eq!(placed, 3321);
        eprintln!("{how}: 3,355 units indexed and 3,321 parents resolved in {took:?}");
    }
}
