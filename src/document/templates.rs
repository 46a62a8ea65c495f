//! Where templates come from (typst's `World` is the model): the shipped templates and legal
//! bases are compiled into the binary, and a clerk's copy of a file in `<data dir>/templates/`
//! overrides the shipped one of the same name, file by file. Nothing is looked for beside the
//! executable or in the source tree, so a binary copied alone to another folder drafts as well
//! as an installed one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::template::Source;
use crate::error::{Error, Result};
use crate::model::DocKind;

/// The shipped files, by name: the templates, the legal bases and the clerk's guide to them.
const SHIPPED: &[(&str, &str)] = &[
    (
        "quyet-dinh-thanh-lap.txt",
        include_str!("../../templates/quyet-dinh-thanh-lap.txt"),
    ),
    (
        "quyet-dinh-kien-toan.txt",
        include_str!("../../templates/quyet-dinh-kien-toan.txt"),
    ),
    (
        "ke-hoach-hoat-dong.txt",
        include_str!("../../templates/ke-hoach-hoat-dong.txt"),
    ),
    (
        "bao-cao-dinh-ky.txt",
        include_str!("../../templates/bao-cao-dinh-ky.txt"),
    ),
    (
        "danh-sach-dau-moi.txt",
        include_str!("../../templates/danh-sach-dau-moi.txt"),
    ),
    (
        "danh-sach-thanh-vien.txt",
        include_str!("../../templates/danh-sach-thanh-vien.txt"),
    ),
    ("can-cu.json", include_str!("../../templates/can-cu.json")),
    ("README.md", include_str!("../../templates/README.md")),
];

/// The file of legal bases every template cites from.
pub const LEGAL_BASES: &str = "can-cu.json";

/// The templates in force: the shipped ones, each overridden by a clerk's file of the same name
/// in the overrides folder when there is one.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// `<data dir>/templates`, when overrides are read.
    overrides: Option<PathBuf>,
    /// Files already read, when reading once is asked for (`read_once`).
    cache: Option<Arc<Mutex<HashMap<String, Source>>>>,
}

impl Templates {
    /// The shipped templates only.
    pub fn shipped() -> Templates {
        Templates::default()
    }

    /// The shipped templates, overridden file by file by those in `dir`.
    pub fn with_overrides(dir: impl Into<PathBuf>) -> Templates {
        Templates {
            overrides: Some(dir.into()),
            cache: None,
        }
    }

    /// The folder of overrides, if any.
    pub fn overrides(&self) -> Option<&Path> {
        self.overrides.as_deref()
    }

    /// The same templates, each file read once and then kept: for a batch of documents, which
    /// should all come from the same templates even if a clerk edits one meanwhile.
    pub fn read_once(&self) -> Templates {
        Templates {
            overrides: self.overrides.clone(),
            cache: Some(Arc::default()),
        }
    }

    /// The shipped files: (name, text). What "reset the templates" copies into the overrides.
    pub fn shipped_files() -> &'static [(&'static str, &'static str)] {
        SHIPPED
    }

    /// The shipped text of a file, if it is one.
    pub fn shipped_text(name: &str) -> Option<&'static str> {
        SHIPPED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The template of a document kind.
    pub fn template(&self, kind: DocKind) -> Result<Source> {
        self.file(&format!("{}.txt", kind.template()))
    }

    /// A file by name: the clerk's copy when there is one, else the shipped one.
    pub fn file(&self, name: &str) -> Result<Source> {
        let Some(cache) = &self.cache else {
            return self.read(name);
        };
        // A poisoned lock only means another thread panicked; the map is still valid.
        if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(name) {
            return Ok(hit.clone());
        }
        let source = self.read(name)?;
        cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name.to_string(), source.clone());
        Ok(source)
    }

    fn read(&self, name: &str) -> Result<Source> {
        if let Some(path) = self.overrides.as_ref().map(|d| d.join(name))
            && path.is_file()
        {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            return Ok(Source {
                name: path.display().to_string(),
                text,
            });
        }
        match Templates::shipped_text(name) {
            Some(text) => Ok(Source {
                name: name.to_string(),
                text: text.to_string(),
            }),
            None => Err(Error::NotFound(format!("mẫu văn bản {name}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clerks_file_overrides_the_shipped_one_by_name() {
        let dir = tempfile::tempdir().expect("dir");
        let t = Templates::with_overrides(dir.path());
        let plan = t.template(DocKind::Plan).expect("shipped");
        assert_eq!(plan.name, "ke-hoach-hoat-dong.txt");
        assert_eq!(
            Some(plan.text.as_str()),
            Templates::shipped_text(&plan.name)
        );
        std::fs::write(
            dir.path().join("ke-hoach-hoat-dong.txt"),
            "@loai KẾ HOẠCH\n",
        )
        .expect("w");
        let mine = t.template(DocKind::Plan).expect("override");
        assert!(mine.name.ends_with("ke-hoach-hoat-dong.txt") && mine.name != plan.name);
        assert_eq!(mine.text, "@loai KẾ HOẠCH\n");
        // Other files still come from the binary.
        assert!(
            t.file(LEGAL_BASES)
                .expect("legal")
                .text
                .contains("valid_from")
        );
        assert!(matches!(t.file("khong-co.txt"), Err(Error::NotFound(_))));
        // Read once: a later edit is not seen by the batch that already read the file.
        let once = t.read_once();
        assert_eq!(once.template(DocKind::Plan).expect("first").text, mine.text);
        std::fs::write(dir.path().join("ke-hoach-hoat-dong.txt"), "@loai KHÁC\n").expect("w");
        assert_eq!(once.template(DocKind::Plan).expect("again").text, mine.text);
    }
}
