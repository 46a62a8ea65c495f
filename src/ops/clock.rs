//! The moment an operation happens, given by the face: today's date (the documents' date, the
//! year-of-birth range, the deadlines) and the time written into the register and the
//! signatures. Faces read the wall clock, or the fixed moment a script sets with `CNSCD_TODAY`
//! (`2026-03-05`, or `2026-03-05T08:30:00`), so a script or a test gets the same files and the
//! same database from either face. This module only parses; it reads no clock.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, Utc};

use crate::error::{Error, Field, Result};

/// The name of the environment variable of the fixed moment.
pub const FIXED_CLOCK_VAR: &str = "CNSCD_TODAY";

/// A moment as a face gives it: the local date and time (the register's timestamps, today's
/// date) and the same instant in Vietnam time (+07:00, the zone Nghị định 30 signatures carry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Local date and time.
    pub local: NaiveDateTime,
    /// The instant in Vietnam time.
    pub vietnam: DateTime<FixedOffset>,
}

impl Moment {
    /// A wall-clock moment: the instant and its local date and time.
    pub fn at(instant: DateTime<Utc>, local: NaiveDateTime) -> Moment {
        Moment {
            local,
            vietnam: instant.with_timezone(&vietnam_zone()),
        }
    }

    /// A fixed moment, read as Vietnam time.
    pub fn fixed(local: NaiveDateTime) -> Moment {
        Moment {
            local,
            vietnam: DateTime::from_naive_utc_and_offset(
                local - chrono::Duration::hours(7),
                vietnam_zone(),
            ),
        }
    }

    /// The local date.
    pub fn today(&self) -> NaiveDate {
        self.local.date()
    }
}

/// +07:00.
fn vietnam_zone() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

/// A date alone stands for this time of that day.
fn working_hour() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()
}

/// Reads a fixed moment: `2026-03-05` (08:00 that day) or `2026-03-05T08:30:00`.
pub fn parse_fixed(text: &str) -> Result<NaiveDateTime> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d.and_time(working_hour()));
    }
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").map_err(|_| {
        Error::bad_value(
            Field::Date,
            t,
            format!("{FIXED_CLOCK_VAR} phải là ngày dạng 2024-03-05 (hoặc 2024-03-05T08:30:00)."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_moments_parse() {
        let m = parse_fixed("2026-03-05").expect("date");
        assert_eq!(m.to_string(), "2026-03-05 08:00:00");
        let m = parse_fixed("2026-03-05T14:15:16").expect("time");
        assert_eq!(m.to_string(), "2026-03-05 14:15:16");
        assert!(matches!(
            parse_fixed("05/03/2026"),
            Err(Error::BadValue {
                field: Field::Date,
                ..
            })
        ));
    }
}
