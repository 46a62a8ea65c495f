//! Input hygiene of what a clerk types into a form or gives on the command line, before an
//! operation stores it: every text goes through `vietnamese::clean_text` by its field (NUL,
//! control, bidi and invisible characters taken out, NFC, spaces collapsed), a text over its
//! field's limit is refused naming the field, and what was taken out becomes a notice the face
//! shows (`Store::take_notices`). Imports clean their cells in `import`.

use crate::error::{Error, Field, Result};
use crate::model::{NewDecision, NewMember, Office};
use crate::store::Store;
use crate::store::indicators::NewIndicator;
use crate::store::units::NewUnit;
use crate::vietnamese::clean::{FieldKind, clean_text, excerpt};

use super::lifecycle::{MemberEdit, TeamEdit};

/// `value` cleaned for a field of `kind`, named `field` in a refusal or a notice.
pub fn text(store: &mut Store, value: &str, kind: FieldKind, field: Field) -> Result<String> {
    match clean_text(value, kind) {
        Ok(c) => {
            if let Some(summary) = c.summary() {
                store.notice(format!("Ô «{}»: {summary}.", field.noun()));
            }
            Ok(c.text.into_owned())
        }
        Err(too_long) => Err(Error::bad_value(
            field,
            format!("{}…", excerpt(value, 40)),
            too_long.to_string(),
        )),
    }
}

fn opt(
    store: &mut Store,
    value: &Option<String>,
    kind: FieldKind,
    field: Field,
) -> Result<Option<String>> {
    value
        .as_deref()
        .map(|v| text(store, v, kind, field))
        .transpose()
}

fn opt_opt(
    store: &mut Store,
    value: &Option<Option<String>>,
    kind: FieldKind,
    field: Field,
) -> Result<Option<Option<String>>> {
    value
        .as_ref()
        .map(|v| opt(store, v, kind, field))
        .transpose()
}

/// The member of the form «Thêm thành viên», cleaned.
pub fn new_member(store: &mut Store, new: &NewMember) -> Result<NewMember> {
    let mut m = new.clone();
    m.full_name = text(store, &new.full_name, FieldKind::PersonName, Field::Name)?;
    m.phone = opt(store, &new.phone, FieldKind::Line, Field::Phone)?;
    m.email = opt(store, &new.email, FieldKind::Line, Field::Email)?;
    m.position = opt(
        store,
        &new.position,
        FieldKind::Position,
        Field::Text("Chức vụ"),
    )?;
    m.joined_decision = opt(
        store,
        &new.joined_decision,
        FieldKind::Line,
        Field::Text("Quyết định"),
    )?;
    Ok(m)
}

/// A member's corrections, cleaned.
pub fn member_edit(store: &mut Store, edit: &MemberEdit) -> Result<MemberEdit> {
    let mut e = edit.clone();
    e.name = opt(store, &edit.name, FieldKind::PersonName, Field::Name)?;
    e.position = opt_opt(
        store,
        &edit.position,
        FieldKind::Position,
        Field::Text("Chức vụ"),
    )?;
    e.phone = opt_opt(store, &edit.phone, FieldKind::Line, Field::Phone)?;
    e.email = opt_opt(store, &edit.email, FieldKind::Line, Field::Email)?;
    Ok(e)
}

/// A new unit, cleaned.
pub fn new_unit(store: &mut Store, new: &NewUnit) -> Result<NewUnit> {
    let mut u = new.clone();
    u.name = text(store, &new.name, FieldKind::Line, Field::Text("Tên đơn vị"))?;
    u.kind = text(
        store,
        &new.kind,
        FieldKind::Line,
        Field::Text("Loại đơn vị"),
    )?;
    u.code = opt(store, &new.code, FieldKind::Line, Field::Text("Mã đơn vị"))?;
    Ok(u)
}

/// A unit's or a team's new name, cleaned.
pub fn name(store: &mut Store, value: &str, field: Field) -> Result<String> {
    text(store, value, FieldKind::Line, field)
}

/// A team's changes, cleaned.
pub fn team_edit(store: &mut Store, edit: &TeamEdit) -> Result<TeamEdit> {
    let mut e = edit.clone();
    e.name = opt(store, &edit.name, FieldKind::Line, Field::Team)?;
    e.zalo = opt_opt(store, &edit.zalo, FieldKind::Line, Field::Text("Nhóm Zalo"))?;
    Ok(e)
}

/// A recorded (paper) decision, cleaned.
pub fn decision(store: &mut Store, d: &NewDecision) -> Result<NewDecision> {
    let mut c = d.clone();
    c.number = text(store, &d.number, FieldKind::Line, Field::DocNumber)?;
    c.signer = opt(store, &d.signer, FieldKind::Line, Field::Text("Người ký"))?;
    c.summary = opt(
        store,
        &d.summary,
        FieldKind::FreeText,
        Field::Text("Trích yếu"),
    )?;
    Ok(c)
}

/// An office's own indicator, cleaned.
pub fn indicator(store: &mut Store, new: &NewIndicator) -> Result<NewIndicator> {
    let mut c = new.clone();
    c.code = text(store, &new.code, FieldKind::Line, Field::Indicator)?;
    c.label = text(store, &new.label, FieldKind::Line, Field::Indicator)?;
    c.measure = text(
        store,
        &new.measure,
        FieldKind::Line,
        Field::Text("Đơn vị tính"),
    )?;
    c.aliases = new
        .aliases
        .iter()
        .map(|a| text(store, a, FieldKind::Line, Field::Indicator))
        .collect::<Result<_>>()?;
    Ok(c)
}

/// The office profile of Cài đặt, cleaned field by field.
pub fn office(store: &mut Store, office: &Office) -> Result<Office> {
    let mut c = office.clone();
    let fields: [(&mut String, &'static str); 16] = [
        (&mut c.parent_body, "Cơ quan chủ quản"),
        (&mut c.issuing_body, "Cơ quan ban hành"),
        (&mut c.place, "Địa danh"),
        (&mut c.symbol_org, "Chữ viết tắt cơ quan"),
        (&mut c.drafting_unit, "Đơn vị soạn thảo"),
        (&mut c.proposer, "Người đề nghị"),
        (&mut c.authority, "Thẩm quyền"),
        (&mut c.collective, "Tập thể lãnh đạo"),
        (&mut c.head_title, "Chức danh người đứng đầu"),
        (&mut c.signer_title, "Chức danh người ký"),
        (&mut c.signer_name, "Người ký"),
        (&mut c.report_to, "Nơi nhận báo cáo"),
        (&mut c.focal_name, "Đầu mối"),
        (&mut c.focal_title, "Chức vụ đầu mối"),
        (&mut c.focal_phone, "Điện thoại đầu mối"),
        (&mut c.focal_email, "Email đầu mối"),
    ];
    for (value, label) in fields {
        *value = text(store, value, FieldKind::Line, Field::Text(label))?;
    }
    // A deputy row left blank in the form is no deputy.
    let mut deputies = Vec::with_capacity(c.deputies.len());
    for d in &c.deputies {
        let title = text(
            store,
            &d.title,
            FieldKind::Position,
            Field::Text("Chức danh cấp phó"),
        )?;
        let name = text(
            store,
            &d.name,
            FieldKind::PersonName,
            Field::Text("Họ tên cấp phó"),
        )?;
        if !(title.is_empty() && name.is_empty()) {
            deputies.push(crate::model::Deputy { title, name });
        }
    }
    c.deputies = deputies;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_go_with_a_notice_and_a_long_name_is_refused_naming_the_field() {
        let mut s = Store::open_in_memory().expect("db");
        let t = text(
            &mut s,
            "Nguy\u{0}ễn\u{202E} An",
            FieldKind::PersonName,
            Field::Name,
        )
        .expect("clean");
        assert_eq!(t, "Nguyễn An");
        assert_eq!(
            s.take_notices(),
            vec!["Ô «Họ và tên»: đã bỏ 1 ký tự điều khiển, 1 ký tự đổi chiều văn bản.".to_string()]
        );
        assert!(s.take_notices().is_empty());
        let e = text(&mut s, &"A".repeat(201), FieldKind::PersonName, Field::Name)
            .expect_err("too long");
        let msg = e.to_string();
        assert!(msg.starts_with("Họ và tên «AAAA"), "{msg}");
        assert!(
            msg.contains("dài 201 ký tự, quá giới hạn 200 ký tự"),
            "{msg}"
        );
    }
}
