//! The period picker: a period is chosen, not typed — the kind (năm, 6 tháng, quý, tháng), the
//! part (6 tháng đầu/cuối năm, quý I–IV, tháng 1–12) and the year from lists — and shown as the
//! documents write it («quý III năm 2026», `Period::label`). A field beside it still takes a
//! period typed or pasted the way clerks write them («Quý 3/2026», «2026-Q3»: the one parser of
//! `model::period`). A year-only picker serves the plan's year.

use chrono::{Datelike, NaiveDate};
use iced::widget::{column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

use crate::app::text::pick as t;
use crate::app::theme;
use crate::ops::Period;

/// The kinds of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Year,
    Half,
    Quarter,
    Month,
}

impl Span {
    const ALL: [Span; 4] = [Span::Year, Span::Half, Span::Quarter, Span::Month];

    fn of(p: Period) -> Span {
        match p {
            Period::Year(_) => Span::Year,
            Period::Half(..) => Span::Half,
            Period::Quarter(..) => Span::Quarter,
            Period::Month(..) => Span::Month,
        }
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Span::Year => t::SPAN_YEAR,
            Span::Half => t::SPAN_HALF,
            Span::Quarter => t::SPAN_QUARTER,
            Span::Month => t::SPAN_MONTH,
        })
    }
}

/// A part of the year: the period without its year, named as a list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part(pub Span, pub u8);

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Part(Span::Half, 1) => f.write_str(t::HALF_FIRST),
            Part(Span::Half, _) => f.write_str(t::HALF_SECOND),
            Part(Span::Quarter, q) => {
                let roman = ["I", "II", "III", "IV"][usize::from(q.clamp(&1, &4) - 1)];
                write!(f, "Quý {roman}")
            }
            Part(_, m) => write!(f, "Tháng {m}"),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Span(Span),
    Part(Part),
    Year(i32),
    /// The typed field.
    Typed(String),
    /// Enter in the typed field (or its button).
    Apply,
}

/// The picker's state: the period chosen, the years offered, the typed text and why it was
/// refused.
#[derive(Debug, Clone)]
pub struct PeriodPicker {
    /// The period chosen.
    pub period: Period,
    /// Only the year is chosen (a plan's year).
    years_only: bool,
    /// The years in the list.
    years: Vec<i32>,
    /// The typed field.
    pub typed: String,
    /// Why the typed period was refused, shown under the field.
    pub error: Option<String>,
}

/// The widget id of the typed field (tests type into it).
pub const TYPED_ID: &str = "period-typed";

impl PeriodPicker {
    /// A picker on `period`, offering the years around `today`.
    pub fn new(period: Period, today: NaiveDate) -> PeriodPicker {
        let this = today.year();
        let mut years: Vec<i32> = (this - 6..=this + 1).rev().collect();
        if !years.contains(&period.year()) {
            years.push(period.year());
            years.sort_unstable_by(|a, b| b.cmp(a));
        }
        PeriodPicker {
            period,
            years_only: false,
            years,
            typed: String::new(),
            error: None,
        }
    }

    /// A year-only picker on `today`'s year.
    pub fn year(today: NaiveDate) -> PeriodPicker {
        PeriodPicker {
            years_only: true,
            ..PeriodPicker::new(Period::Year(today.year()), today)
        }
    }

    /// Sets the period from elsewhere (a report opened from «Chỉ tiêu»).
    pub fn set(&mut self, period: Period) {
        self.period = period;
        if !self.years.contains(&period.year()) {
            self.years.push(period.year());
            self.years.sort_unstable_by(|a, b| b.cmp(a));
        }
    }

    /// The parts a span offers.
    fn parts(span: Span) -> Vec<Part> {
        match span {
            Span::Year => Vec::new(),
            Span::Half => (1..=2).map(|h| Part(Span::Half, h)).collect(),
            Span::Quarter => (1..=4).map(|q| Part(Span::Quarter, q)).collect(),
            Span::Month => (1..=12).map(|m| Part(Span::Month, m)).collect(),
        }
    }

    fn part(&self) -> Option<Part> {
        match self.period {
            Period::Year(_) => None,
            Period::Half(_, h) => Some(Part(Span::Half, h)),
            Period::Quarter(_, q) => Some(Part(Span::Quarter, q)),
            Period::Month(_, m) => Some(Part(Span::Month, m)),
        }
    }

    /// The clerk's choice; the new period when it changed.
    pub fn update(&mut self, message: Message) -> Option<Period> {
        let before = self.period;
        let y = self.period.year();
        // Another span keeps the time of year: quý III becomes tháng 7, 6 tháng cuối năm.
        let (first, _) = self.period.months();
        match message {
            Message::Span(span) => {
                self.period = match span {
                    Span::Year => Period::Year(y),
                    Span::Half => Period::Half(y, if first <= 6 { 1 } else { 2 }),
                    Span::Quarter => Period::Quarter(y, (first - 1) / 3 + 1),
                    Span::Month => Period::Month(y, first),
                };
            }
            Message::Part(Part(span, n)) => {
                self.period = match span {
                    Span::Year => Period::Year(y),
                    Span::Half => Period::Half(y, n),
                    Span::Quarter => Period::Quarter(y, n),
                    Span::Month => Period::Month(y, n),
                };
            }
            Message::Year(year) => {
                self.period = match self.period {
                    Period::Year(_) => Period::Year(year),
                    Period::Half(_, h) => Period::Half(year, h),
                    Period::Quarter(_, q) => Period::Quarter(year, q),
                    Period::Month(_, m) => Period::Month(year, m),
                };
            }
            Message::Typed(s) => {
                self.typed = s;
                self.error = None;
                return None;
            }
            Message::Apply => match self.typed.trim().parse::<Period>() {
                Ok(p) if !self.years_only || matches!(p, Period::Year(_)) => {
                    self.set(p);
                    self.typed.clear();
                    self.error = None;
                }
                Ok(_) => {
                    self.error = Some(t::YEAR_ONLY.into());
                    return None;
                }
                Err(_) => {
                    self.error = Some(t::PERIOD_TYPED_INVALID.into());
                    return None;
                }
            },
        }
        (self.period != before).then_some(self.period)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let year = pick_list(
            self.years.as_slice(),
            Some(self.period.year()),
            Message::Year,
        )
        .width(90);
        if self.years_only {
            return year.into();
        }
        let span = Span::of(self.period);
        let mut choose = row![pick_list(Span::ALL, Some(span), Message::Span).width(92),]
            .spacing(4)
            .align_y(Alignment::Center);
        if span != Span::Year {
            choose = choose
                .push(pick_list(Self::parts(span), self.part(), Message::Part).width(Length::Fill));
        }
        choose = choose.push(year);
        let mut out = column![
            choose,
            row![
                text(self.period.label())
                    .font(theme::UI_BOLD)
                    .width(Length::FillPortion(1)),
                text_input(t::PERIOD_TYPED_HINT, &self.typed)
                    .id(TYPED_ID)
                    .on_input(Message::Typed)
                    .on_submit(Message::Apply)
                    .size(theme::SIZE_SMALL)
                    .width(Length::FillPortion(1)),
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::Center),
        ]
        .spacing(4);
        if let Some(e) = &self.error {
            out = out.push(
                text(e.as_str())
                    .size(theme::SIZE_SMALL)
                    .style(theme::error_text),
            );
        }
        out.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
    }

    #[test]
    fn chosen_from_lists_and_named_as_documents_write_it() {
        let mut p = PeriodPicker::new(Period::quarter_of(today()), today());
        assert_eq!(p.period.label(), "quý IV năm 2026");
        assert_eq!(
            p.update(Message::Part(Part(Span::Quarter, 3))),
            Some(Period::Quarter(2026, 3))
        );
        assert_eq!(p.period.label(), "quý III năm 2026");
        // Another span keeps the time of year.
        assert_eq!(
            p.update(Message::Span(Span::Month)),
            Some(Period::Month(2026, 7))
        );
        assert_eq!(
            p.update(Message::Span(Span::Half)),
            Some(Period::Half(2026, 2))
        );
        assert_eq!(p.period.label(), "6 tháng cuối năm 2026");
        assert_eq!(p.update(Message::Year(2025)), Some(Period::Half(2025, 2)));
        assert_eq!(
            p.update(Message::Span(Span::Year)),
            Some(Period::Year(2025))
        );
        assert_eq!(p.update(Message::Year(2025)), None, "no change");
        // Every part of every span names itself as a list shows it.
        assert_eq!(PeriodPicker::parts(Span::Quarter)[3].to_string(), "Quý IV");
        assert_eq!(PeriodPicker::parts(Span::Month)[11].to_string(), "Tháng 12");
        assert_eq!(
            PeriodPicker::parts(Span::Half)[0].to_string(),
            "6 tháng đầu năm"
        );
    }

    #[test]
    fn typed_the_clerks_way_or_refused_beside_the_field() {
        let mut p = PeriodPicker::new(Period::quarter_of(today()), today());
        p.update(Message::Typed("Quý 3/2026".into()));
        assert_eq!(p.update(Message::Apply), Some(Period::Quarter(2026, 3)));
        assert!(p.typed.is_empty());
        p.update(Message::Typed("quý 5".into()));
        assert_eq!(p.update(Message::Apply), None);
        assert!(p.error.is_some());
        assert_eq!(p.period, Period::Quarter(2026, 3), "kept");
        // A year far from today is added to the list.
        p.update(Message::Typed("tháng 5/2012".into()));
        assert_eq!(p.update(Message::Apply), Some(Period::Month(2012, 5)));
        assert!(p.years.contains(&2012));
        let mut y = PeriodPicker::year(today());
        assert_eq!(y.period, Period::Year(2026));
        y.update(Message::Typed("quý 1/2026".into()));
        assert_eq!(y.update(Message::Apply), None);
        assert!(y.error.is_some());
    }
}
