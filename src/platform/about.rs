//! What the program says about itself (`cnscd --version`, «Giới thiệu» in Cài đặt): version,
//! the commit and date it was built from when known, the data folder, the database schema
//! version, and the bundled fonts with their licence.

use std::path::{Path, PathBuf};

/// `0.1.0 (commit abcdef1234, 2026-11-26)`: the package version and, when the build knew them
/// (`build.rs` asks git, or `CNSCD_BUILD_COMMIT`/`CNSCD_BUILD_DATE` are set), the commit and its
/// date.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("CNSCD_BUILD_COMMIT"),
    ", ",
    env!("CNSCD_BUILD_DATE"),
    ")"
);

/// The licence of the Liberation fonts (SIL Open Font License 1.1), shipped inside the program.
pub const FONT_LICENCE_TEXT: &str = include_str!("../../assets/fonts/LICENSE-Liberation.txt");

/// A font bundled in the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Font {
    /// Family and faces.
    pub name: &'static str,
    /// What it is used for.
    pub used_for: &'static str,
    /// The licence's name.
    pub licence: &'static str,
}

/// The bundled fonts.
pub const FONTS: [Font; 2] = [
    Font {
        name: "Liberation Serif 2.1.5 (thường, đậm, nghiêng, đậm nghiêng)",
        used_for: "phông chữ của văn bản (cùng số đo với Times New Roman)",
        licence: "SIL Open Font License 1.1",
    },
    Font {
        name: "Liberation Sans 2.1.5 (thường, đậm)",
        used_for: "phông chữ của cửa sổ chương trình",
        licence: "SIL Open Font License 1.1",
    },
];

/// Everything «Giới thiệu» shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    /// `VERSION`.
    pub version: &'static str,
    /// The data folder in use.
    pub data_dir: PathBuf,
    /// The database schema version this build writes.
    pub schema_version: i64,
    /// The log folder.
    pub log_dir: PathBuf,
    /// Bundled fonts.
    pub fonts: Vec<Font>,
}

impl About {
    /// The facts for a data folder; `schema_version` is the store's (passed in, so this module
    /// does not depend on the store).
    pub fn new(data_dir: &Path, schema_version: i64) -> About {
        About {
            version: VERSION,
            data_dir: data_dir.to_path_buf(),
            schema_version,
            log_dir: super::log::dir(data_dir),
            fonts: FONTS.to_vec(),
        }
    }

    /// Label and value pairs, in Vietnamese, in the order shown.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        let mut lines = vec![
            ("Phiên bản", self.version.to_string()),
            ("Thư mục dữ liệu", self.data_dir.display().to_string()),
            ("Phiên bản cơ sở dữ liệu", self.schema_version.to_string()),
            ("Thư mục nhật ký", self.log_dir.display().to_string()),
        ];
        for f in &self.fonts {
            lines.push((
                "Phông chữ",
                format!("{} – {}; giấy phép {}", f.name, f.used_for, f.licence),
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_names_version_folder_schema_and_font_licences() {
        let a = About::new(Path::new("/dữ liệu"), 7);
        let text: Vec<String> = a.lines().iter().map(|(l, v)| format!("{l}: {v}")).collect();
        let text = text.join("\n");
        assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
        assert!(text.contains("Thư mục dữ liệu: /dữ liệu"), "{text}");
        assert!(text.contains("Phiên bản cơ sở dữ liệu: 7"), "{text}");
        assert_eq!(
            text.matches("SIL Open Font License 1.1").count(),
            2,
            "{text}"
        );
        assert!(FONT_LICENCE_TEXT.contains("SIL OPEN FONT LICENSE"));
    }
}
