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
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::model::NewMember;
use crate::model::{Gender, Level, Office, Role, SigningMode, Team};
use crate::store::units::NewUnit;
use crate::store::{Store, members, settings, teams, units};

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

/// Fills an empty database with the sample at `scale`, with indicator values up to today.
pub fn generate(store: &mut Store, scale: Scale, seed: u64) -> Result<Counts> {
    generate_on(store, scale, seed, chrono::Local::now().date_naive())
}

/// Fills an empty database with the sample at `scale` as of `today` (indicator values for the
/// previous year and this year's ended quarters); refuses a database that has units. The same
/// seed and date give the same data.
pub fn generate_on(store: &mut Store, scale: Scale, seed: u64, today: NaiveDate) -> Result<Counts> {
    if !store.is_empty()? {
        return Err(Error::NotEmpty);
    }
    store.transaction(|tx| {
        let mut g = Generator {
            conn: tx,
            rng: ChaCha8Rng::seed_from_u64(seed),
            counts: Counts::default(),
            phone_seq: 0,
            seed,
        };
        let counts = g.run(scale)?;
        crate::report::sample_values(tx, seed, today)?;
        Ok(counts)
    })
}

struct Generator<'c> {
    conn: &'c Connection,
    rng: ChaCha8Rng,
    counts: Counts,
    phone_seq: u64,
    seed: u64,
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
                let p = self.unit("Đà Nẵng", "thành phố", Level::Province, None, Some("48"))?;
                let c = self.unit("Hòa Bắc", "xã", Level::Commune, Some(p), Some("20314"))?;
                let villages: Vec<&str> = COMMUNE_VILLAGES.to_vec();
                self.commune_with_villages(c, &villages, 90, date(2022, 4, 15))?;
                self.office_commune(c, "Hòa Bắc")?;
            }
            Scale::District => {
                let p = self.unit("Đà Nẵng", "thành phố", Level::Province, None, Some("48"))?;
                let d = self.unit("Hòa Vang", "huyện", Level::District, Some(p), Some("497"))?;
                let names: Vec<String> = DISTRICT_COMMUNES.iter().map(|s| s.to_string()).collect();
                self.communes(d, &names, 180, 1300)?;
                self.office_district(d)?;
            }
            Scale::Province => {
                let p = self.unit("Đà Nẵng", "thành phố", Level::Province, None, Some("48"))?;
                let names = self.commune_names(93);
                self.communes(p, &names, 3766, 24_303)?;
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
                    let p = self.unit(name, kind, Level::Province, None, Some(&code))?;
                    let names = self.commune_names(per_province[i]);
                    self.communes(p, &names, teams_pp[i], members_pp[i])?;
                }
                self.office_national()?;
            }
        }
        Ok(self.counts)
    }

    fn unit(
        &mut self,
        name: &str,
        kind: &str,
        level: Level,
        parent: Option<i64>,
        code: Option<&str>,
    ) -> Result<i64> {
        let u = units::insert(
            self.conn,
            &NewUnit {
                code: code.map(str::to_string),
                name: name.into(),
                kind: kind.into(),
                level,
                parent_id: parent,
            },
        )?;
        self.counts.units += 1;
        Ok(u.id)
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
        parent: i64,
        names: &[String],
        teams: usize,
        members: usize,
    ) -> Result<()> {
        let villages_total = teams - names.len();
        let villages = split_total(&mut self.rng, villages_total, names.len(), 60);
        let members_per =
            proportional(members, &villages.iter().map(|v| v + 1).collect::<Vec<_>>());
        let parent_code = units::get(self.conn, parent)?.code;
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
            let c = self.unit(name, kind, Level::Commune, Some(parent), Some(&code))?;
            let village_names = self.village_names(kind, villages[i]);
            let refs: Vec<&str> = village_names.iter().map(String::as_str).collect();
            let established = date(2022, self.rng.gen_range(3..=9), self.rng.gen_range(1..=28));
            self.commune_with_villages(c, &refs, members_per[i], established)?;
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
        commune: i64,
        villages: &[&str],
        members: usize,
        established: NaiveDate,
    ) -> Result<()> {
        let commune_unit = units::get(self.conn, commune)?;
        let decision = format!("{:02}/QĐ-UBND", self.rng.gen_range(5..120));
        let sizes = team_sizes(&mut self.rng, villages.len() + 1, members);
        // The commune team first.
        let t = teams::insert(
            self.conn,
            &Team {
                id: 0,
                unit_id: commune,
                name: teams::default_name(&commune_unit),
                decision_ref: Some(decision.clone()),
                decision_date: Some(established),
                zalo_link: Some(self.zalo()),
            },
        )?;
        self.counts.teams += 1;
        self.team_members(
            t.id,
            sizes[0],
            true,
            &commune_unit.full_name(),
            established,
            &decision,
        )?;
        for (i, v) in villages.iter().enumerate() {
            let (word, name) = split_village(v);
            let code = format!("{}.{:02}", commune_unit.code, i + 1);
            let vid = self.unit(name, word, Level::Village, Some(commune), Some(&code))?;
            let vu = units::get(self.conn, vid)?;
            let t = teams::insert(
                self.conn,
                &Team {
                    id: 0,
                    unit_id: vid,
                    name: teams::default_name(&vu),
                    decision_ref: Some(decision.clone()),
                    decision_date: Some(established),
                    zalo_link: Some(self.zalo()),
                },
            )?;
            self.counts.teams += 1;
            self.team_members(
                t.id,
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
        team_id: i64,
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
            members::insert(
                self.conn,
                &NewMember {
                    full_name,
                    year_of_birth: Some(yob),
                    gender: Some(gender),
                    phone: Some(phone),
                    email,
                    position: Some(position),
                    trained: self.rng.gen_bool(0.72),
                    team_id,
                    role: Some(role),
                    joined_on: Some(joined),
                    joined_decision: Some(decision.to_string()),
                },
            )?;
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

    fn office_commune(&mut self, commune: i64, place: &str) -> Result<()> {
        let u = units::get(self.conn, commune)?;
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
            ..Office::default()
        };
        settings::set_office(self.conn, &office)
    }

    fn office_district(&mut self, district: i64) -> Result<()> {
        let u = units::get(self.conn, district)?;
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
        };
        settings::set_office(self.conn, &office)
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
        };
        settings::set_office(self.conn, &office)
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
        settings::set_office(self.conn, &office)
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

/// Family names with their approximate share (per mille) among Vietnamese.
const FAMILY_NAMES: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 31),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 20),
    ("Võ", 19),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 6),
    ("Trương", 6),
    ("Lương", 4),
    ("Mai", 4),
    ("Tô", 2),
    ("Hà", 3),
    ("Lâm", 2),
    ("Đoàn", 3),
    ("Cao", 2),
    ("Châu", 2),
    ("Ông", 1),
    ("Thái", 2),
];

const MALE_MIDDLE: &[&str] = &[
    "Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Ngọc", "Xuân", "Đình",
    "Anh", "Quốc", "Trọng", "Tấn", "Bá", "Thanh",
];
const FEMALE_MIDDLE: &[&str] = &[
    "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mai", "Phương", "Hồng", "Bích", "Diệu",
    "Thùy", "Mỹ", "Khánh",
];
const MALE_GIVEN: &[&str] = &[
    "An", "Anh", "Bình", "Cường", "Dũng", "Đức", "Đạt", "Hải", "Hùng", "Huy", "Hưng", "Khánh",
    "Long", "Lâm", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Trung",
    "Tuấn", "Tùng", "Việt", "Vinh", "Hiếu", "Toàn", "Ánh", "Lộc", "Nghĩa", "Quý", "Thịnh", "Hoàng",
    "Khoa", "Ân", "Bảo", "Duy",
];
const FEMALE_GIVEN: &[&str] = &[
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hồng", "Hương", "Lan",
    "Linh", "Loan", "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy",
    "Trang", "Tuyết", "Uyên", "Vân", "Yến", "Ánh", "Ân", "Diệp", "Đào", "Ly",
];

const POSITIONS: &[&str] = &[
    "Chi hội trưởng Chi hội Phụ nữ",
    "Chi hội trưởng Chi hội Nông dân",
    "Chi hội trưởng Chi hội Cựu chiến binh",
    "Trưởng Ban công tác Mặt trận",
    "Giáo viên Trường Tiểu học",
    "Giáo viên Trường THCS",
    "Nhân viên Bưu điện văn hóa xã",
    "Nhân viên Viettel",
    "Nhân viên VNPT",
    "Nhân viên Agribank",
    "Đoàn viên thanh niên",
    "Y tế thôn",
    "Công an viên",
    "Người dân",
    "Chủ hộ kinh doanh",
    "Bí thư Chi bộ",
];

const PLACE_SYLLABLES: &[&str] = &[
    "Hòa", "An", "Phú", "Tân", "Bình", "Phước", "Thạnh", "Long", "Hưng", "Đông", "Tây", "Nam",
    "Bắc", "Trung", "Thuận", "Hiệp", "Xuân", "Hương", "Sơn", "Thủy", "Lộc", "Mỹ", "Vĩnh", "Quang",
    "Thành", "Đức", "Minh", "Thịnh", "Lợi", "Hải", "Châu", "Khánh", "Cẩm", "Điện", "Duy", "Quế",
    "Tam", "Đại", "Thăng", "Kim", "Ngọc", "Hồng", "Thanh", "Liên", "Hiếu", "Nghĩa", "Tiến",
    "Phong", "Lạc", "Yên", "Ninh", "Hà", "Quý", "Định", "Phổ", "Trà", "Gia", "Cát", "Ea", "Krông",
];

const VILLAGE_SYLLABLES: &[&str] = &[
    "Thượng",
    "Hạ",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Mỹ",
    "Phú",
    "Lộc",
    "Yên",
    "Sơn",
    "Hòa",
    "Thành",
    "Định",
    "Hội",
    "Lâm",
    "Xuân",
    "Thủy",
    "Quang",
    "An",
    "Bình",
];

const COMMUNE_VILLAGES: &[&str] = &[
    "Thôn Nam Yên",
    "Thôn An Định",
    "Thôn Lộc Mỹ",
    "Thôn Phò Nam",
    "Thôn Nam Mỹ",
    "Thôn Giàn Bí",
    "Thôn Tà Lang",
    "Thôn Trường Định",
    "Thôn Phú Túc",
    "Thôn Hội Yên",
    "Thôn Thạch Nham",
    "Thôn Đông Lâm",
];

const DISTRICT_COMMUNES: &[&str] = &[
    "Hòa Bắc",
    "Hòa Ninh",
    "Hòa Sơn",
    "Hòa Liên",
    "Hòa Phú",
    "Hòa Phong",
    "Hòa Khương",
    "Hòa Tiến",
    "Hòa Châu",
    "Hòa Phước",
    "Hòa Nhơn",
    "Hòa Thọ",
    "Hòa Xuân",
    "Hòa Hiệp",
    "Hòa Quý",
];

/// The 34 provinces and centrally run cities since 12/6/2025.
const PROVINCES: &[(&str, &str)] = &[
    ("Hà Nội", "thành phố"),
    ("Huế", "thành phố"),
    ("Lai Châu", "tỉnh"),
    ("Điện Biên", "tỉnh"),
    ("Sơn La", "tỉnh"),
    ("Lạng Sơn", "tỉnh"),
    ("Quảng Ninh", "tỉnh"),
    ("Thanh Hóa", "tỉnh"),
    ("Nghệ An", "tỉnh"),
    ("Hà Tĩnh", "tỉnh"),
    ("Cao Bằng", "tỉnh"),
    ("Tuyên Quang", "tỉnh"),
    ("Lào Cai", "tỉnh"),
    ("Thái Nguyên", "tỉnh"),
    ("Phú Thọ", "tỉnh"),
    ("Bắc Ninh", "tỉnh"),
    ("Hưng Yên", "tỉnh"),
    ("Hải Phòng", "thành phố"),
    ("Ninh Bình", "tỉnh"),
    ("Quảng Trị", "tỉnh"),
    ("Đà Nẵng", "thành phố"),
    ("Quảng Ngãi", "tỉnh"),
    ("Gia Lai", "tỉnh"),
    ("Khánh Hòa", "tỉnh"),
    ("Lâm Đồng", "tỉnh"),
    ("Đắk Lắk", "tỉnh"),
    ("Hồ Chí Minh", "thành phố"),
    ("Đồng Nai", "tỉnh"),
    ("Tây Ninh", "tỉnh"),
    ("Cần Thơ", "thành phố"),
    ("Vĩnh Long", "tỉnh"),
    ("Đồng Tháp", "tỉnh"),
    ("Cà Mau", "tỉnh"),
    ("An Giang", "tỉnh"),
];

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
    fn commune_sample_is_deterministic_and_realistic() {
        let mut a = Store::open_in_memory().expect("db");
        let counts = generate(&mut a, Scale::Commune, 7).expect("sample");
        assert_eq!(counts.teams, 13);
        assert_eq!(counts.members, 90);
        let mut b = Store::open_in_memory().expect("db");
        generate(&mut b, Scale::Commune, 7).expect("sample");
        assert_eq!(a.checksum().expect("a"), b.checksum().expect("b"));
        assert!(
            generate(&mut a, Scale::Commune, 7).is_err(),
            "refuses a non-empty db"
        );
        let all = members::active(a.conn(), None).expect("members");
        let phones: std::collections::HashSet<_> = all.iter().map(|m| m.phone.clone()).collect();
        assert_eq!(phones.len(), all.len(), "phones are unique");
        for t in teams::all(a.conn()).expect("teams") {
            let ms = members::of_team(a.conn(), t.id, false).expect("team");
            assert_eq!(ms.iter().filter(|m| m.role == Role::Leader).count(), 1);
        }
        assert!(
            all.iter()
                .filter(|m| m.gender == Some(Gender::Male))
                .all(|m| !m.full_name.contains(" Thị ")),
            "gender-consistent middle names"
        );
    }
}
