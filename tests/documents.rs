//! Official documents: templates filled from the sample registries, the Nghị định 30 check, the
//! document register, and the `draft` / `export roster` commands. The PDF/DOCX checks with
//! poppler come with the renderers (docs work); until then these check the `Document` value and
//! its text, which is what the renderers print.

use chrono::NaiveDate;
use cnscd::document::Templates;
use cnscd::document::fill::{self, Request};
use cnscd::document::lint;
use cnscd::document::{Block, Document};
use cnscd::model::DocKind;
use cnscd::model::{Gender, Role};
use cnscd::ops::sample::Scale;
use cnscd::store::members::{self, NewMember};
use cnscd::store::{Store, documents, teams, units};
use cnscd::vietnamese::nfc;

use crate::common::Env;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn shipped() -> Templates {
    Templates::shipped()
}

fn sample(scale: Scale) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    crate::common::sample_into(&mut s, scale, 1);
    s
}

/// The facts of a document about `unit` (every team, with history).
fn facts(s: &Store, unit: i64, team: Option<i64>) -> cnscd::model::DraftFacts {
    cnscd::store::facts::load(
        s.conn(),
        cnscd::store::facts::Scope {
            unit_id: unit,
            team_id: team,
            history: true,
        },
    )
    .unwrap()
}

/// Drafts what `req` asks from the shipped templates.
fn fill_draft(s: &Store, req: &Request) -> cnscd::document::Drafted {
    let facts = facts(s, req.unit_id, req.team_id);
    cnscd::ops::documents::draft_from(&facts, &shipped(), req, |u, p| {
        cnscd::ops::documents::figures(s, u, p)
    })
    .unwrap()
    .drafted
}

fn draft(s: &Store, kind: DocKind, unit: &str, date: NaiveDate) -> Document {
    let unit = units::resolve(s.conn(), unit).unwrap();
    let req = Request {
        kind,
        unit_id: unit.id,
        team_id: None,
        date,
        year: None,
        period: Some("2024-H1".parse().unwrap()),
        number: None,
        sections: Default::default(),
        cites: None,
    };
    fill_draft(s, &req).document
}

/// `Địa danh, ngày DD tháng M năm YYYY` with the decree's padding (days < 10 and months 1–2 get 0).
fn date_line_ok(line: &str) -> bool {
    let Some((place, rest)) = line.split_once(", ngày ") else {
        return false;
    };
    let w: Vec<&str> = rest.split(' ').collect();
    if place.is_empty() || w.len() != 5 || w[1] != "tháng" || w[3] != "năm" {
        return false;
    }
    let (day, month, year) = (w[0], w[2], w[4]);
    let (Ok(dn), Ok(mn)) = (day.parse::<u32>(), month.parse::<u32>()) else {
        return false;
    };
    day.len() == 2
        && (1..=31).contains(&dn)
        && match mn {
            1 | 2 => month.len() == 2,
            3..=12 => month.len() == mn.to_string().len(),
            _ => false,
        }
        && year.len() == 4
}

fn all_member_names(s: &Store, unit: &str) -> Vec<String> {
    let u = units::resolve(s.conn(), unit).unwrap();
    members::active(s.conn(), Some(u.id))
        .unwrap()
        .into_iter()
        .map(|m| m.full_name)
        .collect()
}

#[test]
fn date_line_check_follows_the_decree() {
    assert!(date_line_ok("Hòa Bắc, ngày 05 tháng 3 năm 2024"));
    assert!(date_line_ok("Hòa Bắc, ngày 15 tháng 01 năm 2024"));
    assert!(!date_line_ok("Hòa Bắc, ngày 5 tháng 3 năm 2024"));
    assert!(!date_line_ok("Hòa Bắc, ngày 05 tháng 03 năm 2024"));
    assert!(!date_line_ok("Hòa Bắc, ngày 05 tháng 1 năm 2024"));
}

#[test]
fn five_templates_fill_from_the_district_sample() {
    let s = sample(Scale::District);
    let commune = "Hòa Bắc";
    let names = all_member_names(&s, commune);
    assert!(names.len() > 50, "{}", names.len());
    let cases = [
        (
            DocKind::DecisionEstablish,
            "QUYẾT ĐỊNH",
            "Về việc thành lập",
        ),
        (
            DocKind::DecisionConsolidate,
            "QUYẾT ĐỊNH",
            "Về việc kiện toàn",
        ),
        (
            DocKind::Plan,
            "KẾ HOẠCH",
            "Hoạt động của Tổ Công nghệ số cộng đồng",
        ),
        (DocKind::Report, "BÁO CÁO", "Kết quả hoạt động"),
        (DocKind::FocalPoints, "DANH SÁCH", "Đầu mối"),
        (DocKind::Roster, "DANH SÁCH", "Thành viên"),
    ];
    for (kind, title, summary) in cases {
        let doc = draft(&s, kind, commune, d(2024, 3, 5));
        let text = doc.plain_text();
        assert_eq!(doc.title.kind, title, "{kind:?}");
        assert!(
            doc.title.summary[0].starts_with(summary),
            "{kind:?}: {:?}",
            doc.title
        );
        // The district office drafts, but the commune issues its own documents.
        assert_eq!(
            doc.header.issuing_body,
            vec!["ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA BẮC"],
            "{kind:?}"
        );
        assert!(
            date_line_ok(&doc.header.date_line),
            "{}",
            doc.header.date_line
        );
        assert_eq!(doc.header.date_line, "Hòa Bắc, ngày 05 tháng 3 năm 2024");
        assert!(doc.header.number_line.starts_with("Số:"));
        let findings = lint::lint(&doc);
        assert!(!lint::has_errors(&findings), "{kind:?}: {findings:?}");
        if kind == DocKind::FocalPoints {
            // One row per team: the Tổ trưởng is the focal point.
            let u = units::resolve(s.conn(), commune).unwrap();
            for t in teams::in_subtree(s.conn(), u.id).unwrap() {
                let leader = members::of_team(s.conn(), t.id, false)
                    .unwrap()
                    .into_iter()
                    .find(|m| m.role == Role::Leader)
                    .unwrap();
                assert!(
                    text.contains(&nfc(&leader.full_name)),
                    "{}",
                    leader.full_name
                );
            }
            assert_eq!(doc.orientation, cnscd::document::Orientation::Landscape);
        } else {
            for n in &names {
                assert!(text.contains(&nfc(n)), "{kind:?} lacks {n}");
            }
        }
    }
}

#[test]
fn decision_has_one_roster_appendix_per_team_in_roster_order() {
    let s = sample(Scale::District);
    let u = units::resolve(s.conn(), "Hòa Bắc").unwrap();
    let ts = teams::in_subtree(s.conn(), u.id).unwrap();
    let doc = draft(&s, DocKind::DecisionEstablish, "Hòa Bắc", d(2024, 3, 5));
    assert_eq!(doc.appendices.len(), ts.len());
    assert_eq!(doc.appendices[1].label, "Phụ lục II");
    let a = &doc.appendices[1];
    assert!(a.title[0].starts_with("DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG "));
    assert!(
        a.reference.starts_with("(Kèm theo Quyết định số ")
            && a.reference.contains(
                "/QĐ-UBND ngày 05 tháng 3 năm 2024 của Chủ tịch Ủy ban nhân dân phường Hòa Bắc)"
            ),
        "{}",
        a.reference
    );
    let Block::Table(t) = &a.blocks[0] else {
        panic!("{:?}", a.blocks[0])
    };
    let head: Vec<&str> = t.header[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        head,
        [
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Chức vụ trong Tổ",
            "Chức vụ, đơn vị công tác",
            "Số điện thoại",
            "Ghi chú"
        ]
    );
    let roles: Vec<&str> = t.rows.iter().map(|r| r[4].text.as_str()).collect();
    let mut sorted = roles.clone();
    let rank = |r: &&str| match *r {
        "Tổ trưởng" => 0,
        "Tổ phó" => 1,
        _ => 2,
    };
    sorted.sort_by_key(rank);
    assert_eq!(roles, sorted, "leader, then deputies, then members");
    assert_eq!(roles[0], "Tổ trưởng");
    let plain: Vec<&str> = t
        .rows
        .iter()
        .filter(|r| r[4].text == "Thành viên")
        .map(|r| r[1].text.as_str())
        .collect();
    for w in plain.windows(2) {
        assert_ne!(
            cnscd::vietnamese::compare_names(w[0], w[1]),
            std::cmp::Ordering::Greater,
            "{w:?}"
        );
    }
    let body = doc.plain_text();
    assert!(
        body.contains("Phụ lục I đến Phụ lục"),
        "the body points to the appendices"
    );
    assert!(body.contains("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"));
}

#[test]
fn legal_bases_follow_the_document_date() {
    let s = sample(Scale::Commune);
    let old = draft(&s, DocKind::DecisionEstablish, "Hòa Bắc", d(2024, 3, 5)).plain_text();
    let new = draft(&s, DocKind::DecisionEstablish, "Hòa Bắc", d(2026, 1, 15)).plain_text();
    assert!(old.contains("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"));
    assert!(!old.contains("năm 2025;"));
    assert!(new.contains("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"));
    assert!(!new.contains("19 tháng 6 năm 2015"));
    // The commune office's own proposer (a setting) ends the group with a full stop.
    assert!(new.contains("Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."));
}

/// A village team of the commune sample with its established date.
fn village_team(s: &Store) -> (cnscd::model::Team, cnscd::model::Unit) {
    let u = units::resolve(s.conn(), "Nam Yên").unwrap();
    let t = teams::of_unit(s.conn(), u.id).unwrap().remove(0);
    (t, u)
}

#[test]
fn a_forty_member_team_fills_one_long_roster() {
    let s = sample(Scale::Commune);
    let (t, _) = village_team(&s);
    let have = members::of_team(s.conn(), t.id, false).unwrap().len();
    for i in have..40 {
        members::insert(
            s.conn(),
            &NewMember {
                full_name: format!("Nguyễn Văn Thành Viên {i:02}"),
                year_of_birth: Some(1990),
                gender: Some(Gender::Male),
                team_id: t.id,
                role: Some(Role::Member),
                ..NewMember::default()
            },
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
        .unwrap();
    }
    let doc = draft(&s, DocKind::DecisionEstablish, "Nam Yên", d(2024, 3, 5));
    assert_eq!(doc.appendices.len(), 1);
    assert_eq!(doc.appendices[0].label, "", "one appendix needs no number");
    let Block::Table(table) = &doc.appendices[0].blocks[0] else {
        panic!()
    };
    assert_eq!(
        table.header.len(),
        1,
        "one header row, repeated by the renderer"
    );
    assert_eq!(table.rows.len(), 40);
    assert_eq!(table.rows[39][0].text, "40");
    assert_eq!(doc.title.summary[1], "thôn Nam Yên, xã Hòa Bắc");
}

#[test]
fn consolidation_lists_exactly_who_left_and_who_joined() {
    let s = sample(Scale::Commune);
    let (t, _) = village_team(&s);
    let prev_ref = t.decision_ref.clone().unwrap();
    let prev_date = t.decision_date.unwrap();
    let current = members::of_team(s.conn(), t.id, false).unwrap();
    let leaving: Vec<_> = current
        .iter()
        .filter(|m| m.role == Role::Member)
        .take(2)
        .cloned()
        .collect();
    assert_eq!(leaving.len(), 2);
    for m in &leaving {
        members::leave(s.conn(), m.id, d(2024, 1, 10), None).unwrap();
    }
    let newcomer = members::insert(
        s.conn(),
        &NewMember {
            full_name: "Trần Thị Ngọc Ánh".into(),
            year_of_birth: Some(1999),
            gender: Some(Gender::Female),
            position: Some("Bí thư Chi đoàn".into()),
            team_id: t.id,
            role: Some(Role::Member),
            joined_on: Some(d(2024, 1, 12)),
            ..NewMember::default()
        },
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    )
    .unwrap();
    let unit = units::resolve(s.conn(), "Nam Yên").unwrap();
    assert_eq!(
        fill::decision_kind(&facts(&s, unit.id, None)),
        DocKind::DecisionConsolidate
    );
    let doc = draft(&s, DocKind::DecisionConsolidate, "Nam Yên", d(2024, 3, 5));
    let text = doc.plain_text();
    let changes: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("- Thôi tham gia Tổ:") || l.starts_with("- Bổ sung thành viên:"))
        .collect();
    assert_eq!(changes.len(), 3, "{changes:#?}");
    for m in &leaving {
        assert!(
            changes
                .iter()
                .any(|l| l.starts_with("- Thôi tham gia Tổ:") && l.contains(&m.full_name)),
            "{} left",
            m.full_name
        );
    }
    assert!(
        changes
            .iter()
            .any(|l| l.starts_with("- Bổ sung thành viên: bà Trần Thị Ngọc Ánh, sinh năm 1999"))
    );
    // Cites the decision it replaces, number and date.
    let cite = format!(
        "thay thế Quyết định số {prev_ref} {}",
        cnscd::vietnamese::date_long(prev_date)
    );
    assert!(text.contains(&cite), "{cite}\n{text}");
    // The roster shows the team as it is now.
    let Block::Table(table) = &doc.appendices[0].blocks[0] else {
        panic!()
    };
    let listed: Vec<&str> = table.rows.iter().map(|r| r[1].text.as_str()).collect();
    assert!(listed.contains(&newcomer.full_name.as_str()));
    assert!(
        leaving
            .iter()
            .all(|m| !listed.contains(&m.full_name.as_str()))
    );
    assert!(!lint::has_errors(&lint::lint(&doc)));
}

#[test]
fn draft_command_writes_the_document_and_records_a_draft() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let out = env.path("qd.json");
    let msg = env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(msg.contains("kiện toàn"), "{msg}");
    let doc: Document = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc.kind, DocKind::DecisionConsolidate);
    assert_eq!(doc.appendices.len(), 13);
    let store = env.store();
    let entries = documents::all(store.conn()).unwrap();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.status, documents::Status::Draft);
    assert_eq!(e.symbol, "QĐ-UBND");
    assert!(
        e.summary.starts_with("Quyết định về việc kiện toàn"),
        "{}",
        e.summary
    );
    assert_eq!(e.keeper, "VT, VHXH");
    assert_eq!(e.sha256.as_deref().map(str::len), Some(64));
    // Establishment on request, and a roster through `export`.
    let out2 = env.path("tl.json");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "--kind",
        "thanh-lap",
        "-o",
        out2.to_str().unwrap(),
    ]);
    let doc: Document = serde_json::from_slice(&std::fs::read(&out2).unwrap()).unwrap();
    assert_eq!(doc.kind, DocKind::DecisionEstablish);
    let out3 = env.path("ds.json");
    env.ok(&["export", "roster", "-o", out3.to_str().unwrap()]);
    let doc: Document = serde_json::from_slice(&std::fs::read(&out3).unwrap()).unwrap();
    assert_eq!(doc.kind, DocKind::Roster);
    // A district is refused for a decision: communes issue them.
    let env2 = Env::new();
    env2.ok(&["sample", "--scale", "district"]);
    let r = env2.run(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Vang",
        "-o",
        env2.path("x.json").to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("cấp xã"));
}

#[test]
fn broken_templates_are_refused_with_file_and_line() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let user = env.data().join("templates");
    std::fs::create_dir_all(&user).unwrap();
    let good = Templates::shipped_text("ke-hoach-hoat-dong.txt")
        .unwrap()
        .to_string();
    let before = env.store().checksum().unwrap();
    let cases = [
        // An unknown variable on line 3.
        (
            {
                let mut l: Vec<&str> = good.lines().collect();
                l.insert(2, "Dòng thêm {{ bien_khong_co }}");
                l.join("\n")
            },
            "dòng 3",
            "không xác định",
        ),
        // A syntax error on line 4.
        (
            {
                let mut l: Vec<&str> = good.lines().collect();
                l.insert(3, "{% for x in %}");
                l.join("\n")
            },
            "dòng 4",
            "cú pháp",
        ),
        // An unknown block directive.
        (
            format!("{good}\n@khong-co-lenh nay\n"),
            "@khong-co-lenh",
            "không có",
        ),
    ];
    for (text, line, reason) in cases {
        std::fs::write(user.join("ke-hoach-hoat-dong.txt"), &text).unwrap();
        let out = env.path("kh.json");
        let r = env.run(&[
            "draft",
            "plan",
            "--unit",
            "Hòa Bắc",
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(1), "{err}");
        assert!(err.contains("ke-hoach-hoat-dong.txt"), "{err}");
        assert!(err.contains(line) && err.contains(reason), "{err}");
        assert!(!out.exists(), "never half a document");
        assert_eq!(env.store().checksum().unwrap(), before, "nothing recorded");
    }
}

#[test]
fn a_clerks_copy_overrides_the_shipped_template() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let user = env.data().join("templates");
    std::fs::create_dir_all(&user).unwrap();
    let text = Templates::shipped_text("danh-sach-dau-moi.txt")
        .unwrap()
        .to_string()
        .replace("@trich-yeu Đầu mối", "@trich-yeu Đầu mối (bản của xã)");
    std::fs::write(user.join("danh-sach-dau-moi.txt"), text).unwrap();
    let out = env.path("dm.json");
    env.ok(&[
        "draft",
        "focal-points",
        "--unit",
        "Hòa Bắc",
        "-o",
        out.to_str().unwrap(),
    ]);
    let doc: Document = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(doc.title.summary[0].starts_with("Đầu mối (bản của xã)"));
}

#[test]
fn lint_refuses_bad_legal_punctuation_unless_forced() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let user = env.data().join("templates");
    std::fs::create_dir_all(&user).unwrap();
    // A clerk writes the căn cứ lines as plain italic paragraphs, with the wrong endings.
    let text = Templates::shipped_text("quyet-dinh-thanh-lap.txt")
        .unwrap()
        .to_string()
        .replace(
            "{% for c in can_cu %}\n@can-cu {{ c }}\n{% endfor %}",
            "*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015.*\n\
         *Căn cứ Văn bản số 793/BTTTT-THH ngày 05 tháng 3 năm 2022;*",
        );
    std::fs::write(user.join("quyet-dinh-thanh-lap.txt"), text).unwrap();
    let out = env.path("qd.json");
    let args = [
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "--kind",
        "thanh-lap",
        "-o",
        out.to_str().unwrap(),
    ];
    let r = env.run(&args);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("dấu chấm phẩy"), "{err}");
    assert!(!out.exists());
    assert!(documents::all(env.store().conn()).unwrap().is_empty());
    let mut forced = args.to_vec();
    forced.push("--force");
    env.ok(&forced);
    assert!(out.exists());
}

#[test]
fn an_issued_decision_becomes_the_one_the_next_consolidation_replaces() {
    let mut s = sample(Scale::Commune);
    let commune = units::resolve(s.conn(), "Hòa Bắc").unwrap();
    let all = teams::in_subtree(s.conn(), commune.id).unwrap();
    let own = all
        .iter()
        .find(|t| t.unit_id == commune.id)
        .unwrap()
        .clone();
    let village = all
        .iter()
        .find(|t| t.unit_id != commune.id)
        .unwrap()
        .clone();
    let record = |s: &mut Store, req: &Request| {
        let drafted = fill_draft(s, req);
        let entry = drafted.register_entry(req, std::path::Path::new("qd.pdf"), "");
        s.transaction(|tx| {
            let id =
                documents::record_draft(tx, &entry, d(2026, 2, 1).and_hms_opt(8, 0, 0).unwrap())?;
            documents::issue(tx, id, d(2026, 2, 3))
        })
        .unwrap()
    };
    // The commune's own team alone, as the per-team batch drafts it: only that team changes.
    let mut req = Request {
        kind: DocKind::DecisionConsolidate,
        unit_id: commune.id,
        team_id: Some(own.id),
        date: d(2026, 2, 1),
        year: None,
        period: None,
        number: None,
        sections: Default::default(),
        cites: None,
    };
    let first = record(&mut s, &req);
    assert_eq!(first.team_id, Some(own.id));
    let now = |s: &Store, id: i64| teams::get(s.conn(), id).unwrap();
    assert_eq!(
        now(&s, own.id).decision_ref.as_deref(),
        Some(first.reference().as_str())
    );
    assert_eq!(now(&s, own.id).decision_date, Some(d(2026, 2, 3)));
    assert_eq!(now(&s, village.id).decision_ref, village.decision_ref);
    // A decision for every team of the commune: every team now cites it.
    req.team_id = None;
    let second = record(&mut s, &req);
    assert_ne!(second.reference(), first.reference());
    for t in &all {
        assert_eq!(
            now(&s, t.id).decision_ref.as_deref(),
            Some(second.reference().as_str())
        );
    }
    // And the next consolidation replaces it, by number and date.
    let doc = draft(&s, DocKind::DecisionConsolidate, "Hòa Bắc", d(2026, 5, 4));
    let text = doc.plain_text();
    assert!(
        text.contains(&format!(
            "thay thế Quyết định số {} ngày 03 tháng 02 năm 2026",
            second.reference()
        )),
        "{text}"
    );
}

#[test]
fn the_register_exports_the_decree_columns() {
    use calamine::{Reader, Xlsx};
    let s = Store::open_in_memory().unwrap();
    let c = s.conn();
    for (i, date) in [d(2024, 12, 30), d(2025, 1, 2)].into_iter().enumerate() {
        let id = documents::record_draft(
            c,
            &documents::NewDraft {
                kind: "plan".into(),
                summary: format!("Kế hoạch số {i}"),
                register: "ỦY BAN NHÂN DÂN XÃ HÒA BẮC".into(),
                symbol: "KH-UBND".into(),
                signer: "Trần Văn Hùng".into(),
                recipients: "Các Tổ".into(),
                keeper: "VT, VHXH".into(),
                ..Default::default()
            },
            date.and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
        documents::issue(c, id, date).unwrap();
    }
    let bytes = cnscd::export::register::register_xlsx(&cnscd::model::register_rows(
        &documents::all(c).unwrap(),
    ))
    .unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let cell = |r: u32, col: u32| {
        range
            .get_value((r, col))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let head: Vec<String> = (0..8).map(|col| cell(0, col)).collect();
    assert_eq!(
        head,
        [
            "Số, ký hiệu văn bản",
            "Ngày tháng văn bản",
            "Tên loại và trích yếu nội dung văn bản",
            "Người ký",
            "Nơi nhận văn bản",
            "Đơn vị, người nhận bản lưu",
            "Số lượng bản",
            "Ghi chú"
        ]
    );
    // Both are 01: the second one's year restarted the numbering.
    assert_eq!(cell(1, 0), "01/KH-UBND");
    assert_eq!(cell(1, 1), "30/12/2024");
    assert_eq!(cell(2, 0), "01/KH-UBND");
    assert_eq!(cell(2, 1), "02/01/2025");
    assert_eq!(cell(2, 3), "Trần Văn Hùng");
}

// ---- The same documents through the renderers, checked with poppler and LibreOffice. ----

mod rendered {
    use std::path::Path;
    use std::process::Command;

    use super::*;
    use crate::common::require_tool;

    const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

    fn run(tool: &str, args: &[&str]) -> String {
        let out = Command::new(tool).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// pdftotext of a page range, white space collapsed (cells wrap names over lines).
    fn text(pdf: &Path, pages: Option<(usize, usize)>) -> String {
        let f = pdf.to_str().unwrap();
        let mut args: Vec<String> = vec!["-enc".into(), "UTF-8".into()];
        if let Some((a, b)) = pages {
            args.extend(["-f".into(), a.to_string(), "-l".into(), b.to_string()]);
        }
        args.extend([f.to_string(), "-".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run("pdftotext", &args)
    }

    /// The commune sample with the decision of thôn Nam Yên drafted to `file` (.pdf or .docx).
    fn nam_yen_decision(file: &str) -> (Env, std::path::PathBuf) {
        let env = Env::new();
        env.ok(&["sample", "--scale", "commune"]);
        let out = draft_nam_yen(&env, file);
        (env, out)
    }

    /// `draft decision --unit "Nam Yên" -o <file>` in `env`.
    fn draft_nam_yen(env: &Env, file: &str) -> std::path::PathBuf {
        let out = env.path(file);
        env.ok(&[
            "draft",
            "decision",
            "--unit",
            "Nam Yên",
            "-o",
            out.to_str().unwrap(),
        ]);
        out
    }

    fn flat(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn pages(pdf: &Path) -> Vec<(f32, f32)> {
        run("pdfinfo", &["-l", "1000", pdf.to_str().unwrap()])
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains("size:"))
            .map(|l| {
                let n: Vec<f32> = l
                    .split_whitespace()
                    .filter_map(|w| w.parse().ok())
                    .collect();
                (n[1], n[2])
            })
            .collect()
    }

    /// Words of `pdftotext -bbox` on one page: (xMin, yMin, xMax, yMax, text).
    fn words(pdf: &Path, page: usize) -> Vec<(f32, f32, f32, f32, String)> {
        let p = page.to_string();
        let html = run(
            "pdftotext",
            &[
                "-bbox",
                "-enc",
                "UTF-8",
                "-f",
                &p,
                "-l",
                &p,
                pdf.to_str().unwrap(),
                "-",
            ],
        );
        let attr = |tag: &str, name: &str| -> f32 {
            let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let end = tag[start..].find('"').unwrap() + start;
            tag[start..end].parse().unwrap()
        };
        html.lines()
            .map(str::trim)
            .filter(|l| l.starts_with("<word "))
            .map(|l| {
                let t = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
                (
                    attr(l, "xMin"),
                    attr(l, "yMin"),
                    attr(l, "xMax"),
                    attr(l, "yMax"),
                    t,
                )
            })
            .collect()
    }

    fn mm(v: f32) -> f32 {
        v * 72.0 / 25.4
    }

    /// The checks every drafted PDF must pass.
    fn check_pdf(pdf: &Path, title: &str, names: &[String], landscape: bool) {
        let sizes = pages(pdf);
        let (w, h) = sizes[0];
        let a4 = if landscape {
            (841.89, 595.28)
        } else {
            (595.28, 841.89)
        };
        assert!(
            (w - a4.0).abs() < 1.0 && (h - a4.1).abs() < 1.0,
            "{sizes:?}"
        );
        let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
        for line in fonts.lines().skip(2) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(cols[n - 5], "yes", "font not embedded: {line}");
        }
        let all = text(pdf, None);
        let flat_all = flat(&all);
        for s in [QUOC_HIEU, TIEU_NGU, title] {
            assert!(all.contains(s), "{s} missing");
        }
        for n in names {
            assert!(
                flat_all.contains(&nfc(n)),
                "{n} missing from {}",
                pdf.display()
            );
        }
        let date = all
            .lines()
            .find(|l| l.contains(", ngày ") && l.contains(" năm "))
            .unwrap_or_else(|| panic!("no date line in {all}"));
        assert!(date_line_ok(date.trim()), "{date}");
        // Page 1 carries no number; page 2 has "2" at the top, centred, in the top margin.
        let top = mm(20.0);
        let p1 = words(pdf, 1);
        assert!(
            !p1.iter().any(|w| w.3 <= top),
            "page 1 has text in the top margin"
        );
        if sizes.len() > 1 {
            let p2 = words(pdf, 2);
            let numbers: Vec<_> = p2.iter().filter(|w| w.3 <= top).collect();
            assert_eq!(numbers.len(), 1, "{numbers:?}");
            assert_eq!(numbers[0].4, "2");
        }
        // No glyph outside the margins (left 30, right 15, bottom 20 mm) on any page.
        for (i, (pw, ph)) in sizes.iter().enumerate() {
            for (x0, _y0, x1, y1, t) in words(pdf, i + 1) {
                assert!(
                    x0 >= mm(30.0) - 0.5 && x1 <= pw - mm(15.0) + 0.5 && y1 <= ph - mm(20.0) + 0.5,
                    "page {}: {t:?} at ({x0}, {x1}, {y1}) is outside the margins",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn five_templates_render_to_checked_pdfs() {
        if !require_tool("pdftotext") || !require_tool("pdfinfo") || !require_tool("pdffonts") {
            return;
        }
        let env = Env::new();
        env.ok(&["sample", "--scale", "district"]);
        let s = env.store();
        let names = all_member_names(&s, "Hòa Bắc");
        let u = units::resolve(s.conn(), "Hòa Bắc").unwrap();
        let leaders: Vec<String> = teams::in_subtree(s.conn(), u.id)
            .unwrap()
            .iter()
            .map(|t| {
                members::of_team(s.conn(), t.id, false)
                    .unwrap()
                    .into_iter()
                    .find(|m| m.role == Role::Leader)
                    .unwrap()
                    .full_name
            })
            .collect();
        drop(s);
        let cases: [(&[&str], &str, &[String], bool); 5] = [
            (
                &["draft", "decision", "--kind", "thanh-lap"],
                "QUYẾT ĐỊNH",
                &names,
                false,
            ),
            (
                &["draft", "decision", "--kind", "kien-toan"],
                "QUYẾT ĐỊNH",
                &names,
                false,
            ),
            (&["draft", "plan"], "KẾ HOẠCH", &names, false),
            (
                &["draft", "report", "--period", "2024-H1"],
                "BÁO CÁO",
                &names,
                false,
            ),
            (&["draft", "focal-points"], "DANH SÁCH", &leaders, true),
        ];
        for (i, (cmd, title, who, landscape)) in cases.into_iter().enumerate() {
            let out = env.path(&format!("doc{i}.pdf"));
            let mut args = cmd.to_vec();
            args.extend(["--unit", "Hòa Bắc", "-o", out.to_str().unwrap()]);
            env.ok(&args);
            check_pdf(&out, title, who, landscape);
        }
        let store = env.store();
        assert_eq!(documents::all(store.conn()).unwrap().len(), 5);
    }

    #[test]
    fn each_team_gets_its_own_decision_file() {
        if !require_tool("pdftotext") {
            return;
        }
        let env = Env::new();
        env.ok(&["sample", "--scale", "commune"]);
        let dir = env.path("quyet-dinh");
        let msg = env.ok(&[
            "draft",
            "decision",
            "--unit",
            "Hòa Bắc",
            "--each",
            "-o",
            dir.to_str().unwrap(),
        ]);
        let store = env.store();
        let commune = units::resolve(store.conn(), "Hòa Bắc").unwrap();
        let all = teams::in_subtree(store.conn(), commune.id).unwrap();
        assert_eq!(all.len(), 13, "12 village teams and the commune's own");
        assert!(msg.contains("Đã soạn 13 quyết định"), "{msg}");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(files.len(), 13, "{files:?}");
        assert!(files.iter().all(|f| f.ends_with(".pdf")), "{files:?}");
        // Each file holds its own team's roster and no other team's.
        for team in &all {
            let unit = units::get(store.conn(), team.unit_id).unwrap();
            let file = format!("{} {}.pdf", unit.code, unit.title_name());
            assert!(files.contains(&file), "{file} not in {files:?}");
            let body = flat(&text(&dir.join(&file), None));
            assert!(body.contains(QUOC_HIEU), "{file}");
            assert!(body.contains("kiện toàn"), "{file}");
            for m in members::of_team(store.conn(), team.id, false).unwrap() {
                assert!(body.contains(&nfc(&m.full_name)), "{file}: {}", m.full_name);
            }
            assert_eq!(body.matches("DANH SÁCH").count(), 1, "{file}: one roster");
            let other = all.iter().find(|t| t.id != team.id).unwrap();
            let strangers: Vec<String> = members::of_team(store.conn(), other.id, false)
                .unwrap()
                .into_iter()
                .map(|m| m.full_name)
                .filter(|n| !body.contains(n.as_str()))
                .collect();
            assert!(!strangers.is_empty(), "{file} lists another team's members");
        }
        // Every file is in the register as a draft, pointing at it.
        let entries = documents::all(store.conn()).unwrap();
        assert_eq!(entries.len(), 13);
        for e in &entries {
            assert_eq!(e.status, documents::Status::Draft);
            let path = e.output_path.as_deref().unwrap();
            assert!(Path::new(path).starts_with(&dir), "{path}");
        }
        // Only decisions come one per team.
        let r = env.run(&[
            "draft",
            "plan",
            "--unit",
            "Hòa Bắc",
            "--each",
            "-o",
            env.path("kh").to_str().unwrap(),
        ]);
        assert_eq!(r.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&r.stderr).contains("--each"));
    }

    #[test]
    fn issuing_writes_the_reviewed_decision_again_with_its_number_and_date() {
        use sha2::{Digest, Sha256};
        if !require_tool("pdftotext") {
            return;
        }
        let (env, out) = nam_yen_decision("qd-nam-yen.pdf");
        let before = flat(&text(&out, None));
        assert!(before.contains("Số: /QĐ-UBND"), "{before}");
        let mut store = env.store();
        let entry = documents::all(store.conn()).unwrap().pop().unwrap();
        let village = units::resolve(store.conn(), "Nam Yên").unwrap();
        let team = teams::of_unit(store.conn(), village.id).unwrap().remove(0);
        // A member leaves after the clerk reviewed the draft: the issued file is still what was
        // reviewed, not a new draft.
        let leaving = members::of_team(store.conn(), team.id, false)
            .unwrap()
            .into_iter()
            .find(|m| m.role == Role::Member)
            .unwrap();
        members::leave(store.conn(), leaving.id, d(2026, 11, 30), None).unwrap();
        let issued = cnscd::ops::documents::issue(&mut store, entry.id, d(2026, 12, 1)).unwrap();
        assert_eq!(issued.written, vec![out.clone()]);
        let reference = issued.entry.reference();
        assert_eq!(reference, "01/QĐ-UBND");
        let after = flat(&text(&out, None));
        assert!(after.contains("Số: 01/QĐ-UBND"), "{after}");
        assert!(after.contains("ngày 01 tháng 12 năm 2026"), "{after}");
        assert!(
            after.contains("Kèm theo Quyết định số 01/QĐ-UBND ngày 01 tháng 12 năm 2026"),
            "{after}"
        );
        assert!(!after.contains("Số: /QĐ-UBND"), "{after}");
        assert!(
            after.contains(&nfc(&leaving.full_name)),
            "the reviewed roster"
        );
        // The register knows the new file, and the team now cites the decision.
        let bytes = std::fs::read(&out).unwrap();
        let entry = documents::get(store.conn(), entry.id).unwrap();
        assert_eq!(
            entry.sha256.as_deref(),
            Some(hex::encode(Sha256::digest(&bytes)).as_str())
        );
        let team = teams::get(store.conn(), team.id).unwrap();
        assert_eq!(team.decision_ref.as_deref(), Some("01/QĐ-UBND"));
        assert_eq!(team.decision_date, Some(d(2026, 12, 1)));
    }

    #[test]
    fn a_forty_member_decision_repeats_the_roster_header_on_every_page() {
        if !require_tool("pdftotext") {
            return;
        }
        let env = Env::new();
        env.ok(&["sample", "--scale", "commune"]);
        let have = {
            let s = env.store();
            let (t, _) = village_team(&s);
            let have = members::of_team(s.conn(), t.id, false).unwrap().len();
            for i in have..40 {
                members::insert(
                    s.conn(),
                    &NewMember {
                        full_name: format!("Lê Thị Thành Viên {i:02}"),
                        year_of_birth: Some(1990),
                        gender: Some(Gender::Female),
                        team_id: t.id,
                        role: Some(Role::Member),
                        ..NewMember::default()
                    },
                    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                )
                .unwrap();
            }
            have
        };
        let out = draft_nam_yen(&env, "qd40.pdf");
        let n = pages(&out).len();
        // The roster pages: those after the signature page that carry member rows.
        let roster: Vec<usize> = (1..=n)
            .filter(|&p| {
                text(&out, Some((p, p))).contains("Thành viên Tổ") || {
                    let t = text(&out, Some((p, p)));
                    t.contains("Lê Thị Thành Viên")
                }
            })
            .collect();
        assert!(roster.len() >= 2, "40 rows span pages: {roster:?} of {n}");
        for p in &roster {
            let t = text(&out, Some((*p, *p)));
            // Header cells may wrap ("Năm / sinh"): every word of each header cell is there.
            for h in [
                "STT",
                "Họ và tên",
                "Năm sinh",
                "Giới tính",
                "Chức vụ trong Tổ",
            ] {
                for w in h.split(' ') {
                    assert!(t.contains(w), "page {p} lacks header {h}");
                }
            }
            assert!(flat(&t).contains("STT Họ và tên"), "page {p}: {t}");
        }
        let all = flat(&text(&out, None));
        for i in have..40 {
            let name = format!("Lê Thị Thành Viên {i:02}");
            assert!(all.contains(&name), "{name}");
        }
    }

    #[test]
    fn the_decision_docx_converts_in_libreoffice_with_the_same_text() {
        if !require_tool("soffice") || !require_tool("pdftotext") {
            return;
        }
        let (env, docx) = nam_yen_decision("qd.docx");
        let profile = env.path("lo-profile");
        let out = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(env.dir.path())
            .arg(&docx)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pdf = docx.with_extension("pdf");
        let all = flat(&text(&pdf, None));
        let s = env.store();
        for n in all_member_names(&s, "Nam Yên") {
            assert!(all.contains(&n), "{n} missing");
        }
        for t in [QUOC_HIEU, TIEU_NGU, "QUYẾT ĐỊNH", "Nơi nhận:", "Điều 5."] {
            assert!(all.contains(t), "{t} missing");
        }
    }
}

#[test]
fn the_report_appendix_prints_the_aggregated_indicators() {
    let mut s = Store::open_in_memory().unwrap();
    crate::common::sample_on(&mut s, Scale::District, 1, d(2024, 12, 31));
    let u = units::resolve(s.conn(), "Hòa Bắc").unwrap();
    let period: cnscd::model::Period = "2024-H1".parse().unwrap();
    let agg = cnscd::ops::indicators::aggregate(&s, u.id, period).unwrap();
    // «Lũy kế từ đầu năm» runs from January through the period's end, never the whole year.
    let year = cnscd::ops::indicators::aggregate_year_to_date(&s, u.id, period).unwrap();
    let whole =
        cnscd::ops::indicators::aggregate(&s, u.id, cnscd::model::Period::Year(2024)).unwrap();
    assert_ne!(
        year.totals, whole.totals,
        "the sample has values after June"
    );
    assert!(!agg.totals.is_empty(), "the sample has values for 2024-H1");
    let doc = draft(&s, DocKind::Report, "Hòa Bắc", d(2024, 7, 10));
    let Block::Table(t) = &doc.appendices[0].blocks[0] else {
        panic!()
    };
    let mut checked = 0;
    for c in &agg.columns {
        if let Some(v) = agg.totals.get(&c.code) {
            let row = t.rows.iter().find(|r| r[1].text == c.label).unwrap();
            assert_eq!(
                row[3].text,
                cnscd::vietnamese::format_number(v),
                "{}",
                c.label
            );
            let y = year.totals.get(&c.code).unwrap();
            assert_eq!(
                row[4].text,
                cnscd::vietnamese::format_number(y),
                "{}",
                c.label
            );
            checked += 1;
        }
    }
    assert_eq!(checked, t.rows.len());
    // A period with no values prints the "chưa có số liệu" row.
    let unit = units::resolve(s.conn(), "Hòa Bắc").unwrap();
    let req = Request {
        kind: DocKind::Report,
        unit_id: unit.id,
        team_id: None,
        date: d(2024, 7, 10),
        year: None,
        period: Some("2019".parse().unwrap()),
        number: None,
        sections: Default::default(),
        cites: None,
    };
    let doc = fill_draft(&s, &req).document;
    let Block::Table(t) = &doc.appendices[0].blocks[0] else {
        panic!()
    };
    assert_eq!(t.rows.len(), 1);
    assert_eq!(
        t.rows[0][0].text,
        "Chưa có số liệu chỉ tiêu cho kỳ năm 2019."
    );
    assert_eq!(t.rows[0][0].colspan, 5);
}
