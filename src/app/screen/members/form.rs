//! The member form: its fields as typed, and validation that returns either the new member or a
//! message for each field at fault (shown beside the field).

use chrono::NaiveDate;

use crate::app::text as t;
use crate::model::{Gender, Role};
use crate::model::{NewMember, birth_year_problem, birth_years, check_phone, email_is_valid};
use crate::vietnamese::nfc;

/// The label of the joined date.
pub const JOINED: &str = "Ngày vào Tổ (ngày/tháng/năm)";
/// A joined date that is not a date.
pub const JOINED_INVALID: &str =
    "Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 01/06/2025.";

/// The fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub name: String,
    pub year: String,
    pub gender: Option<Gender>,
    pub phone: String,
    pub email: String,
    pub position: String,
    pub trained: bool,
    pub role: Option<Role>,
    /// The chosen team: id and name.
    pub team: Option<(i64, String)>,
    /// What the clerk typed to find the team.
    pub team_query: String,
    /// Ngày vào Tổ as typed (dd/mm/yyyy); empty: from the beginning.
    pub joined: String,
    /// Messages beside the fields, after a save was tried.
    pub errors: Errors,
}

/// A message per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    pub name: Option<String>,
    pub year: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub team: Option<String>,
    pub joined: Option<String>,
}

impl Errors {
    pub fn is_empty(&self) -> bool {
        *self == Errors::default()
    }
}

impl Form {
    /// Checks every field by the rules the roster import and the store follow too; `today`
    /// comes from the caller (only the faces read the clock).
    #[allow(
        clippy::result_large_err,
        reason = "built once per click on Lưu; the messages go straight into the form"
    )]
    pub fn validate(&self, today: NaiveDate) -> Result<NewMember, Errors> {
        let mut errors = Errors::default();
        let name = nfc(&self.name);
        if name.is_empty() {
            errors.name = Some(t::REQUIRED.into());
        }
        let year = nfc(&self.year);
        let year_of_birth = if year.is_empty() {
            None
        } else {
            match year.parse::<i32>() {
                Ok(y) if birth_year_problem(y, today).is_none() => Some(y),
                _ => {
                    errors.year = Some(t::year_invalid(birth_years(today)));
                    None
                }
            }
        };
        let phone = check_phone(&self.phone).unwrap_or_else(|_| {
            errors.phone = Some(t::PHONE_INVALID.into());
            None
        });
        let email = nfc(&self.email);
        if !email.is_empty() && !email_is_valid(&email) {
            errors.email = Some(t::EMAIL_INVALID.into());
        }
        if self.team.is_none() {
            errors.team = Some(t::TEAM_REQUIRED.into());
        }
        let joined_on = if self.joined.trim().is_empty() {
            None
        } else {
            match crate::vietnamese::parse_date(&self.joined) {
                Some(d) => Some(d),
                None => {
                    errors.joined = Some(JOINED_INVALID.into());
                    None
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let position = nfc(&self.position);
        Ok(NewMember {
            full_name: name,
            year_of_birth,
            gender: self.gender,
            phone,
            email: (!email.is_empty()).then_some(email),
            position: (!position.is_empty()).then_some(position),
            trained: self.trained,
            team_id: self.team.as_ref().map(|t| t.0).unwrap_or_default(),
            role: self.role,
            joined_on,
            joined_decision: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_each_field() {
        let f = Form {
            year: "1890".into(),
            phone: "12345".into(),
            email: "a@b".into(),
            ..Form::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let e = f.validate(today).expect_err("invalid");
        assert_eq!(e.name.as_deref(), Some(t::REQUIRED));
        assert!(
            e.year
                .as_deref()
                .is_some_and(|m| m.contains("1900") && m.contains("2012"))
        );
        assert_eq!(e.phone.as_deref(), Some(t::PHONE_INVALID));
        assert_eq!(e.email.as_deref(), Some(t::EMAIL_INVALID));
        assert_eq!(e.team.as_deref(), Some(t::TEAM_REQUIRED));

        let ok = Form {
            name: "  Nguyễn   Thị Ánh ".into(),
            year: "1995".into(),
            phone: "912 345 678".into(),
            team: Some((4, "Tổ".into())),
            role: Some(Role::Deputy),
            ..Form::default()
        };
        let m = ok.validate(today).expect("valid");
        assert_eq!(m.full_name, "Nguyễn Thị Ánh");
        assert_eq!(m.year_of_birth, Some(1995));
        assert_eq!(m.phone.as_deref(), Some("0912345678"));
        assert_eq!(m.team_id, 4);
    }
}
