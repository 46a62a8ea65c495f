//! Deterministic, realistic sample data at four scales (interfaces.md §6), so a new user can open
//! the window and draft every document at once, and benchmarks run on realistic volumes.
//!
//! Names follow the real frequency of Vietnamese family names, with gender-consistent middle and
//! given names; roles and positions follow domain.md §2; phone numbers are unique.

use chrono::NaiveDate;
use clap::ValueEnum;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::Result;
use crate::model::{Gender, Level, NewMember, Office, Period, Role, SigningMode, Team, Unit};
use names::*;

mod names;
mod values;

pub use values::sample_quarters;

/// The sample sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// 1 commune, 12 villages, 13 teams, about 90 members.
    Commune,
    /// 1 district, 15 communes, about 180 teams, about 1,300 members (before 01/7/2025).
    District,
    /// 1 province, 93 communes, 3,766 teams, about 24,300 members.
    Province,
    /// 34 provinces, 3,321 communes, 74,422 teams, 348,362 members.
    National,
}

impl Scale {
    /// Vietnamese name of the scale.
    pub fn label(self) -> &'static str {
        match self {
            Scale::Commune => "xã",
            Scale::District => "huyện",
            Scale::Province => "tỉnh",
            Scale::National => "toàn quốc",
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Units.
    pub units: usize,
    /// Teams.
    pub teams: usize,
    /// Members.
    pub members: usize,
}

/// One generated value, handed to the writer as soon as it is made. Units and teams are numbered
/// in the order they come (from 0); later items name them by that number.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A unit under the unit numbered `parent`.
    Unit {
        /// Its number.
        no: u32,
        /// The parent's number.
        parent: Option<u32>,
        /// The unit (its `id` and `parent_id` are its number and the parent's).
        unit: &'a Unit,
    },
    /// A team of the unit numbered `unit`.
    Team {
        /// Its number.
        no: u32,
        /// The unit's number.
        unit: u32,
        /// The team (its `id` and `unit_id` are the numbers).
        team: &'a Team,
    },
    /// A member of the team numbered `team`.
    Member {
        /// The team's number.
        team: u32,
        /// The member (`team_id` is the team's number).
        member: &'a NewMember,
    },
    /// The office profile.
    Office(&'a Office),
    /// An indicator value of the unit numbered `unit`.
    Value {
        /// The unit's number.
        unit: u32,
        /// The period.
        period: Period,
        /// Indicator id.
        indicator: i64,
        /// The value.
        value: i64,
    },
    /// A yearly target of the unit numbered `unit`.
    Target {
        /// The unit's number.
        unit: u32,
        /// The year.
        year: i32,
        /// Indicator id.
        indicator: i64,
        /// The target.
        target: i64,
    },
}

/// Generates the sample at `scale` as of `today` (indicator values for the previous year and
/// this year's ended quarters), handing each value to `emit` as it is made: the national scale
/// never holds its 348,362 members at once. The same seed and date give the same data. An error
/// from `emit` stops the generation.
pub fn generate(
    scale: Scale,
    seed: u64,
    today: NaiveDate,
    emit: &mut dyn FnMut(Item<'_>) -> Result<()>,
) -> Result<Counts> {
    let mut g = Generator {
        emit,
        rng: ChaCha8Rng::seed_from_u64(seed),
        counts: Counts::default(),
        phone_seq: 0,
        seed,
        villages: Vec::new(),
        communes: Vec::new(),
    };
    let counts = g.run(scale)?;
    values::emit_values(g.emit, &g.villages, &g.communes, seed, today)?;
    Ok(counts)
}

struct Generator<'e> {
    emit: &'e mut dyn FnMut(Item<'_>) -> Result<()>,
    rng: ChaCha8Rng,
    counts: Counts,
    phone_seq: u64,
    seed: u64,
    /// Every village made so far with its commune, by number (for the indicator values).
    villages: Vec<(u32, Option<u32>)>,
    /// Every commune made so far, by number.
    communes: Vec<u32>,
}

/// Target shape of a commune list: (commune count, team total, member total).
struct Shape {
    communes: usize,
    teams: usize,
    members: usize,
}

impl Generator<'_> {
    fn run(&mut self, scale: Scale) -> Result<Counts> {
        match scale {
            Scale::Commune => {
                let p = self.unit("Đà Nẵng", "thành phố", Level::Province, None, "48")?;
                let c = self.unit("Hòa Bắc", "xã", Level::Commune, Some(&p), "20314")?;
                let villages: Vec<&str> = COMMUNE_VILLAGES.to_vec();
                self.commune_with_villages(&c, &villages, 90, date(2022, 4, 15))?;
                self.office_commune(&c, "Hòa Bắc")?;
            }
            Scale::District => {
                let p = self.unit("Đà Nẵng", "thành phố", Level::Province, None, "48")?;
                let d = self.unit("Hòa Vang", "huyện", Level::District, Some(&p), "497")?;
                let names: Vec<String> = DISTRICT_COMMUNES.iter().map(|s| s.to_string()).collect();
                self.communes(&d, &names, 180, 1300)?;
                self.office_district(&d)?;
            }
            Scale::Province => {
                let p = self.unit("Đà Nẵng", "thành phố", Level::Province, None, "48")?;
                let names = self.commune_names(93);
                self.communes(&p, &names, 3766, 24_303)?;
                self.office_province()?;
            }
            Scale::National => {
                let shape = Shape {
                    communes: 3321,
                    teams: 74_422,
                    members: 348_362,
                };
                let per_province = split_total(&mut self.rng, shape.communes, PROVINCES.len(), 40);
                let teams_pp = proportional(shape.teams, &per_province);
                let members_pp = proportional(shape.members, &per_province);
                for (i, (name, kind)) in PROVINCES.iter().enumerate() {
                    let code = format!("{:02}", i + 1);
                    let p = self.unit(name, kind, Level::Province, None, &code)?;
                    let names = self.commune_names(per_province[i]);
                    self.communes(&p, &names, teams_pp[i], members_pp[i])?;
                }
                self.office_national()?;
            }
        }
        Ok(self.counts)
    }

    /// A unit numbered in order, as the store will hold it (the level word dropped from the
    /// name, the kind in lower case).
    fn unit(
        &mut self,
        name: &str,
        kind: &str,
        level: Level,
        parent: Option<&Unit>,
        code: &str,
    ) -> Result<Unit> {
        let no = self.counts.units as u32;
        let unit = Unit {
            id: i64::from(no),
            code: code.to_string(),
            name: crate::vietnamese::nfc(crate::model::strip_level_word(&crate::vietnamese::nfc(
                name,
            ))),
            kind: crate::vietnamese::nfc(kind).to_lowercase(),
            level,
            parent_id: parent.map(|p| p.id),
            merged_into: None,
            merged_on: None,
        };
        (self.emit)(Item::Unit {
            no,
            parent: parent.map(|p| p.id as u32),
            unit: &unit,
        })?;
        self.counts.units += 1;
        match level {
            Level::Village => self.villages.push((no, parent.map(|p| p.id as u32))),
            Level::Commune => self.communes.push(no),
            _ => {}
        }
        Ok(unit)
    }

    /// A team numbered in order.
    fn team(&mut self, unit: &Unit, decision: &str, established: NaiveDate) -> Result<u32> {
        let no = self.counts.teams as u32;
        let team = Team {
            id: i64::from(no),
            unit_id: unit.id,
            name: Team::default_name(unit),
            decision_ref: Some(decision.to_string()),
            decision_date: Some(established),
            zalo_link: Some(self.zalo()),
        };
        (self.emit)(Item::Team {
            no,
            unit: unit.id as u32,
            team: &team,
        })?;
        self.counts.teams += 1;
        Ok(no)
    }

    fn commune_names(&mut self, n: usize) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let a = PLACE_SYLLABLES[self.rng.gen_range(0..PLACE_SYLLABLES.len())];
            let b = PLACE_SYLLABLES[self.rng.gen_range(0..PLACE_SYLLABLES.len())];
            if a == b {
                continue;
            }
            let name = format!("{a} {b}");
            if seen.insert(name.clone()) {
                out.push(name);
            }
        }
        out
    }

    /// Communes under `parent` with `teams` teams (one commune team each plus one per village)
    /// and exactly `members` members in all.
    fn communes(
        &mut self,
        parent: &Unit,
        names: &[String],
        teams: usize,
        members: usize,
    ) -> Result<()> {
        let villages_total = teams - names.len();
        let villages = split_total(&mut self.rng, villages_total, names.len(), 60);
        let members_per =
            proportional(members, &villages.iter().map(|v| v + 1).collect::<Vec<_>>());
        let parent_code = parent.code.clone();
        for (i, name) in names.iter().enumerate() {
            let roll = self.rng.gen_range(0..100);
            let kind = if roll < 18 {
                "phường"
            } else if roll == 99 && villages[i] < 15 {
                "đặc khu"
            } else {
                "xã"
            };
            let code = format!("{parent_code}.{:03}", i + 1);
            let c = self.unit(name, kind, Level::Commune, Some(parent), &code)?;
            let village_names = self.village_names(kind, villages[i]);
            let refs: Vec<&str> = village_names.iter().map(String::as_str).collect();
            let established = date(2022, self.rng.gen_range(3..=9), self.rng.gen_range(1..=28));
            self.commune_with_villages(&c, &refs, members_per[i], established)?;
        }
        Ok(())
    }

    fn village_names(&mut self, commune_kind: &str, n: usize) -> Vec<String> {
        if commune_kind == "phường" || self.rng.gen_bool(0.35) {
            let word = if commune_kind == "phường" {
                "Tổ dân phố"
            } else {
                "Thôn"
            };
            return (1..=n).map(|i| format!("{word} {i}")).collect();
        }
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let a = PLACE_SYLLABLES[self.rng.gen_range(0..PLACE_SYLLABLES.len())];
            let b = VILLAGE_SYLLABLES[self.rng.gen_range(0..VILLAGE_SYLLABLES.len())];
            let name = format!("Thôn {a} {b}");
            if seen.insert(name.clone()) {
                out.push(name);
            } else if seen.len() > 400 {
                out.push(format!("Thôn {}", out.len() + 1));
            }
        }
        out
    }

    /// A commune's villages, one team per village plus the commune team, `members` members.
    fn commune_with_villages(
        &mut self,
        commune: &Unit,
        villages: &[&str],
        members: usize,
        established: NaiveDate,
    ) -> Result<()> {
        let decision = format!("{:02}/QĐ-UBND", self.rng.gen_range(5..120));
        let sizes = team_sizes(&mut self.rng, villages.len() + 1, members);
        // The commune team first.
        let t = self.team(commune, &decision, established)?;
        self.team_members(
            t,
            sizes[0],
            true,
            &commune.full_name(),
            established,
            &decision,
        )?;
        for (i, v) in villages.iter().enumerate() {
            let (word, name) = split_village(v);
            let code = format!("{}.{:02}", commune.code, i + 1);
            let vu = self.unit(name, word, Level::Village, Some(commune), &code)?;
            let t = self.team(&vu, &decision, established)?;
            self.team_members(
                t,
                sizes[i + 1],
                false,
                &vu.full_name(),
                established,
                &decision,
            )?;
        }
        Ok(())
    }

    fn zalo(&mut self) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let s: String = (0..10)
            .map(|_| ALPHABET[self.rng.gen_range(0..ALPHABET.len())] as char)
            .collect();
        format!("https://zalo.me/g/{s}")
    }

    fn team_members(
        &mut self,
        team: u32,
        size: usize,
        commune_team: bool,
        unit_name: &str,
        joined: NaiveDate,
        decision: &str,
    ) -> Result<()> {
        for k in 0..size {
            let (role, position) = if k == 0 {
                let p = if commune_team {
                    "Chủ tịch UBND".to_string()
                } else if unit_name.starts_with("tổ dân phố") || unit_name.starts_with("Tổ dân phố")
                {
                    "Tổ trưởng tổ dân phố".to_string()
                } else {
                    "Trưởng thôn".to_string()
                };
                (Role::Leader, p)
            } else if k == 1 {
                let p = if commune_team {
                    "Bí thư Đoàn xã"
                } else {
                    "Bí thư Chi đoàn"
                };
                (Role::Deputy, p.to_string())
            } else if k == 2 && size > 5 {
                let p = if commune_team {
                    "Trưởng Công an xã"
                } else {
                    "Công an viên"
                };
                (Role::Deputy, p.to_string())
            } else {
                let p = POSITIONS[self.rng.gen_range(0..POSITIONS.len())];
                (Role::Member, p.to_string())
            };
            let gender = if position.contains("Phụ nữ") || self.rng.gen_bool(0.38) {
                Gender::Female
            } else {
                Gender::Male
            };
            let young = position.contains("Đoàn");
            let yob = if young {
                self.rng.gen_range(1990..=2004)
            } else {
                self.rng.gen_range(1962..=2000)
            };
            let full_name = self.person_name(gender);
            let phone = self.phone();
            let email = self
                .rng
                .gen_bool(0.3)
                .then(|| format!("{}{}@gmail.com", ascii_name(&full_name), yob % 100));
            let member = NewMember {
                full_name,
                year_of_birth: Some(yob),
                gender: Some(gender),
                phone: Some(phone),
                email,
                position: Some(position),
                trained: self.rng.gen_bool(0.72),
                team_id: i64::from(team),
                role: Some(role),
                joined_on: Some(joined),
                joined_decision: Some(decision.to_string()),
            };
            (self.emit)(Item::Member {
                team,
                member: &member,
            })?;
            self.counts.members += 1;
        }
        Ok(())
    }

    fn person_name(&mut self, gender: Gender) -> String {
        let family = pick_weighted(&mut self.rng, FAMILY_NAMES);
        let (middles, givens) = match gender {
            Gender::Male => (MALE_MIDDLE, MALE_GIVEN),
            Gender::Female => (FEMALE_MIDDLE, FEMALE_GIVEN),
        };
        let middle = middles[self.rng.gen_range(0..middles.len())];
        let given = givens[self.rng.gen_range(0..givens.len())];
        if self.rng.gen_bool(0.12) {
            // Some people carry a second middle name (Nguyễn Thị Minh Khai).
            let extra = FEMALE_MIDDLE
                .iter()
                .chain(MALE_MIDDLE)
                .filter(|m| **m != "Thị" && **m != "Văn" && **m != middle)
                .collect::<Vec<_>>();
            let second = extra[self.rng.gen_range(0..extra.len())];
            return format!("{family} {middle} {second} {given}");
        }
        format!("{family} {middle} {given}")
    }

    /// A unique mobile number: an affine bijection of a running counter over eight digits, so no
    /// two members ever share one.
    fn phone(&mut self) -> String {
        const PREFIXES: [&str; 10] = [
            "090", "091", "093", "094", "097", "098", "086", "088", "035", "077",
        ];
        let i = self.phone_seq;
        self.phone_seq += 1;
        let n = (i * 7_654_321 + 1_234_567 + self.seed * 10_007) % 10_000_000;
        let prefix = PREFIXES[((i + self.seed) % PREFIXES.len() as u64) as usize];
        // Prefix and 7 digits: unique per (prefix, n) and n is unique for i < 10^7.
        format!("{prefix}{n:07}")
    }

    fn office_commune(&mut self, u: &Unit, place: &str) -> Result<()> {
        let office = Office {
            unit_code: Some(u.code.clone()),
            parent_body: String::new(),
            issuing_body: format!("ỦY BAN NHÂN DÂN {}", u.upper_name()),
            place: place.into(),
            authority: format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {}", u.upper_name()),
            signer_title: "PHÓ CHỦ TỊCH".into(),
            signer_name: "Trần Văn Hùng".into(),
            signing_mode: SigningMode::Kt,
            report_to: "Sở Khoa học và Công nghệ thành phố Đà Nẵng".into(),
            focal_name: "Lê Thị Thu Hà".into(),
            focal_title: "Công chức Phòng Văn hóa - Xã hội".into(),
            focal_phone: "0905123456".into(),
            focal_email: "vhxh.hoabac@danang.gov.vn".into(),
            deputies: vec![
                deputy("PHÓ CHỦ TỊCH", "Trần Văn Hùng"),
                deputy("PHÓ CHỦ TỊCH", "Lê Thị Mai"),
            ],
            ..Office::default()
        };
        (self.emit)(Item::Office(&office))
    }

    fn office_district(&mut self, u: &Unit) -> Result<()> {
        let office = Office {
            unit_code: Some(u.code.clone()),
            parent_body: format!("UBND {}", u.upper_name()),
            issuing_body: "PHÒNG VĂN HÓA VÀ THÔNG TIN".into(),
            place: u.name.clone(),
            symbol_org: "VHTT".into(),
            drafting_unit: "VHTT".into(),
            proposer: "Trưởng phòng Văn hóa và Thông tin".into(),
            authority: "TRƯỞNG PHÒNG VĂN HÓA VÀ THÔNG TIN".into(),
            collective: "PHÒNG VĂN HÓA VÀ THÔNG TIN".into(),
            head_title: "TRƯỞNG PHÒNG".into(),
            signer_title: "TRƯỞNG PHÒNG".into(),
            signer_name: "Nguyễn Thị Minh Tâm".into(),
            signing_mode: SigningMode::Direct,
            report_to: "Sở Thông tin và Truyền thông thành phố Đà Nẵng".into(),
            focal_name: "Phan Văn Lợi".into(),
            focal_title: "Chuyên viên Phòng Văn hóa và Thông tin".into(),
            focal_phone: "0935111222".into(),
            focal_email: "vhtt.hoavang@danang.gov.vn".into(),
            deputies: vec![deputy("PHÓ TRƯỞNG PHÒNG", "Hồ Văn Sơn")],
        };
        (self.emit)(Item::Office(&office))
    }

    fn office_province(&mut self) -> Result<()> {
        let office = Office {
            unit_code: Some("48".into()),
            parent_body: "UBND THÀNH PHỐ ĐÀ NẴNG".into(),
            issuing_body: "SỞ KHOA HỌC VÀ CÔNG NGHỆ".into(),
            place: "Đà Nẵng".into(),
            symbol_org: "SKHCN".into(),
            drafting_unit: "CĐS".into(),
            proposer: "Trưởng phòng Chuyển đổi số".into(),
            authority: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ".into(),
            collective: "SỞ KHOA HỌC VÀ CÔNG NGHỆ".into(),
            head_title: "GIÁM ĐỐC".into(),
            signer_title: "PHÓ GIÁM ĐỐC".into(),
            signer_name: "Võ Văn Thanh".into(),
            signing_mode: SigningMode::Kt,
            report_to: "Bộ Khoa học và Công nghệ".into(),
            focal_name: "Đặng Thị Ngọc Ánh".into(),
            focal_title: "Chuyên viên Phòng Chuyển đổi số".into(),
            focal_phone: "0236382222".into(),
            focal_email: "cds.skhcn@danang.gov.vn".into(),
            deputies: vec![
                deputy("PHÓ GIÁM ĐỐC", "Võ Văn Thanh"),
                deputy("PHÓ GIÁM ĐỐC", "Nguyễn Thị Hạnh"),
            ],
        };
        (self.emit)(Item::Office(&office))
    }

    fn office_national(&mut self) -> Result<()> {
        let office = Office {
            unit_code: None,
            parent_body: "BỘ KHOA HỌC VÀ CÔNG NGHỆ".into(),
            issuing_body: "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA".into(),
            place: "Hà Nội".into(),
            symbol_org: "CĐSQG".into(),
            drafting_unit: "KTS".into(),
            proposer: "Trưởng phòng Kinh tế số và Xã hội số".into(),
            authority: "CỤC TRƯỞNG CỤC CHUYỂN ĐỔI SỐ QUỐC GIA".into(),
            collective: "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA".into(),
            head_title: "CỤC TRƯỞNG".into(),
            signer_title: "PHÓ CỤC TRƯỞNG".into(),
            signer_name: "Hồ Đức Thắng".into(),
            signing_mode: SigningMode::Kt,
            report_to: "Bộ trưởng Bộ Khoa học và Công nghệ".into(),
            ..Office::default()
        };
        (self.emit)(Item::Office(&office))
    }
}

fn deputy(title: &str, name: &str) -> crate::model::Deputy {
    crate::model::Deputy {
        title: title.into(),
        name: name.into(),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// `Thôn An Phú` → (`thôn`, `An Phú`); `Tổ dân phố 5` → (`tổ dân phố`, `5`).
fn split_village(v: &str) -> (&'static str, &str) {
    for word in ["Tổ dân phố", "Thôn", "Bản", "Khu phố"] {
        if let Some(rest) = v.strip_prefix(word) {
            let kind = match word {
                "Tổ dân phố" => "tổ dân phố",
                "Bản" => "bản",
                "Khu phố" => "khu phố",
                _ => "thôn",
            };
            return (kind, rest.trim());
        }
    }
    ("thôn", v)
}

/// Splits `total` into `parts` positive parts near the mean (± `spread` %), summing exactly.
fn split_total(rng: &mut ChaCha8Rng, total: usize, parts: usize, spread: u32) -> Vec<usize> {
    let weights: Vec<usize> = (0..parts)
        .map(|_| 100 + rng.gen_range(0..=spread * 2) as usize - spread as usize)
        .collect();
    let mut out = proportional(total, &weights);
    for v in out.iter_mut() {
        if *v == 0 {
            *v = 1;
        }
    }
    // Rebalance after the floor of 1.
    let mut diff = out.iter().sum::<usize>() as isize - total as isize;
    let mut i = 0;
    while diff > 0 {
        if out[i % parts] > 1 {
            out[i % parts] -= 1;
            diff -= 1;
        }
        i += 1;
    }
    out
}

/// Splits `total` in proportion to `weights`, summing exactly (largest remainders).
fn proportional(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut out: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    let mut rest = total - out.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((total * weights[i]) % sum));
    for &i in order.iter().cycle() {
        if rest == 0 {
            break;
        }
        out[i] += 1;
        rest -= 1;
    }
    out
}

/// Team sizes for `teams` teams summing to `members`: at least 4 (3 when the average is below
/// 4), at most 9 where the total allows, spread at random.
fn team_sizes(rng: &mut ChaCha8Rng, teams: usize, members: usize) -> Vec<usize> {
    let min = if members >= teams * 4 {
        4
    } else {
        3.min(members / teams.max(1)).max(1)
    };
    let mut sizes = vec![min; teams];
    let mut rest = members.saturating_sub(min * teams);
    let cap = if members > teams * 9 { usize::MAX } else { 9 };
    let mut order: Vec<usize> = (0..teams).collect();
    while rest > 0 {
        order.shuffle(rng);
        let mut progressed = false;
        for &i in &order {
            if rest == 0 {
                break;
            }
            if sizes[i] < cap && rng.gen_bool(0.6) {
                sizes[i] += 1;
                rest -= 1;
                progressed = true;
            }
        }
        if !progressed && order.iter().all(|&i| sizes[i] >= cap) {
            break;
        }
    }
    sizes
}

fn pick_weighted<'a>(rng: &mut ChaCha8Rng, table: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0..total);
    for (name, w) in table {
        if x < *w {
            return name;
        }
        x -= w;
    }
    table[0].0
}

fn ascii_name(full: &str) -> String {
    crate::vietnamese::search_key(full).replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sum_exactly() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let parts = split_total(&mut rng, 3321, 34, 40);
        assert_eq!(parts.iter().sum::<usize>(), 3321);
        assert!(parts.iter().all(|&p| p > 0));
        let sizes = team_sizes(&mut rng, 180, 1300);
        assert_eq!(sizes.iter().sum::<usize>(), 1300);
        assert!(sizes.iter().all(|&s| (4..=9).contains(&s)));
    }

    #[test]
    fn the_same_seed_gives_the_same_items_in_the_same_order() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        let run = |seed| {
            let mut seen = Vec::new();
            let counts = generate(Scale::Commune, seed, today, &mut |item| {
                seen.push(format!("{item:?}"));
                Ok(())
            })
            .expect("sample");
            (counts, seen)
        };
        let (counts, a) = run(7);
        assert_eq!((counts.teams, counts.members), (13, 90));
        assert_eq!(a, run(7).1);
        assert_ne!(a, run(8).1);
        // Units come before their teams, teams before their members.
        let first_member = a.iter().position(|i| i.starts_with("Member"));
        let first_team = a.iter().position(|i| i.starts_with("Team"));
        assert!(first_team < first_member);
    }
}
