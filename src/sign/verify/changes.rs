//! What was changed in a PDF after a signature, judged by the rules of ISO 32000 (DocMDP and
//! FieldMDP, §12.8.2) and PAdES: every object that is new or different in the final file must be
//! explained by an allowed kind of incremental update, or it counts as a change of the content.
//!
//! The kinds, from the least to the most intrusive, match the DocMDP levels: maintenance (a new
//! cross-reference or object stream, the Info dictionary, XMP metadata, the DSS with its VRI,
//! invisible signatures, objects nothing points to), form filling and signing (new signature
//! fields and their appearances, values typed into existing fields), annotations (comments added
//! or edited on a page) and everything else (page content, resources, page tree, fonts, images,
//! existing signatures). The approach follows pyHanko's difference analysis, so both judge the
//! same files the same way; objects are compared as lopdf reads them.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId};
use serde::Serialize;

mod form;

use super::fields::Lock;
use crate::sign::pdf;

/// How intrusive a change is (the DocMDP `/P` that allows it is the same number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Allowed even by `/P 1`: DSS, metadata, new xref sections, invisible signatures.
    Maintenance = 1,
    /// Allowed by `/P 2` (and by approval signatures): signing, filling in form fields.
    FormFilling = 2,
    /// Allowed by `/P 3` only: adding, editing or deleting comments.
    Annotations = 3,
    /// Never allowed: the document itself changed.
    Other = 4,
}

/// One change, in words.
#[derive(Debug, Clone)]
pub struct Change {
    /// How intrusive it is.
    pub level: Level,
    /// What it is, for the clerk.
    pub text: String,
    /// Whether it is (part of) a later signature.
    pub signature: bool,
}

/// Keys of a form field that filling in or signing may change (pyHanko's list).
const VALUE_KEYS: &[&[u8]] = &[b"AP", b"AS", b"V", b"F", b"DA", b"Q", b"Ff", b"Type"];
/// Catalog keys whose changes other rules judge.
const CATALOG_EXEMPT: &[&[u8]] = &[
    b"AcroForm",
    b"DSS",
    b"Extensions",
    b"Metadata",
    b"MarkInfo",
    b"Version",
];
/// AcroForm keys that signing and filling update.
const FORM_EXEMPT: &[&[u8]] = &[
    b"Fields",
    b"DR",
    b"DA",
    b"Q",
    b"NeedAppearances",
    b"SigFlags",
];

fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => x.dict == y.dict && x.content == y.content,
        _ => a == b,
    }
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.objects.get(id),
        other => Some(other),
    }
}

fn as_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, o)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn name_of(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key)
        .and_then(Object::as_name)
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Keys whose values differ between two dictionaries, ignoring `exempt`.
fn differing(old: &Dictionary, new: &Dictionary, exempt: &[&[u8]]) -> Vec<String> {
    let mut keys: BTreeSet<&[u8]> = old.iter().map(|(k, _)| k.as_slice()).collect();
    keys.extend(new.iter().map(|(k, _)| k.as_slice()));
    keys.into_iter()
        .filter(|k| !exempt.contains(k))
        .filter(|k| match (old.get(k).ok(), new.get(k).ok()) {
            (Some(a), Some(b)) => !same(a, b),
            (None, None) => false,
            _ => true,
        })
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect()
}

fn refs_in(o: &Object, out: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(id) => out.push(*id),
        Object::Array(a) => a.iter().for_each(|i| refs_in(i, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| refs_in(v, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| refs_in(v, out)),
        _ => {}
    }
}

fn visible(doc: &Document, d: &Dictionary, widgets: &[ObjectId]) -> bool {
    let area = |d: &Dictionary| {
        d.get(b"Rect")
            .ok()
            .and_then(crate::sign::Rect::from_pdf)
            .is_some_and(|r| r.w * r.h > 0.0)
    };
    area(d)
        || widgets
            .iter()
            .filter_map(|w| doc.get_dictionary(*w).ok())
            .any(area)
}

/// A field's widgets: its `/Kids` without `/T`, or the field itself.
fn widgets(doc: &Document, id: Option<ObjectId>, d: &Dictionary) -> Vec<ObjectId> {
    let kids: Vec<ObjectId> = d
        .get(b"Kids")
        .ok()
        .and_then(|k| resolve(doc, k))
        .and_then(|k| k.as_array().ok())
        .map(|k| k.iter().filter_map(|o| o.as_reference().ok()).collect())
        .unwrap_or_default();
    if kids.is_empty() {
        id.into_iter().collect()
    } else {
        kids
    }
}

struct Diff<'a> {
    old: &'a Document,
    new: &'a Document,
    lock: &'a Lock,
    /// Objects of the old revision that the new one overrides with something different.
    changed: BTreeSet<ObjectId>,
    /// Objects the old revision does not have.
    fresh: BTreeSet<ObjectId>,
    explained: BTreeMap<ObjectId, Level>,
    /// Widgets of signature fields added after signing.
    sig_widgets: BTreeSet<ObjectId>,
    /// Widgets of every field of the new revision (to tell them from comments).
    field_widgets: BTreeSet<ObjectId>,
    out: Vec<Change>,
}

impl Diff<'_> {
    fn touched(&self, id: ObjectId) -> bool {
        self.changed.contains(&id) || self.fresh.contains(&id)
    }

    fn say(&mut self, level: Level, text: impl Into<String>, signature: bool) {
        self.out.push(Change {
            level,
            text: text.into(),
            signature,
        });
    }

    fn explain(&mut self, id: ObjectId, level: Level) {
        if self.touched(id) {
            let e = self.explained.entry(id).or_insert(level);
            *e = (*e).min(level);
        }
    }

    /// Explains the objects created after signing that `o` reaches (an appearance's images and
    /// fonts, an annotation's popup). Objects of the signed revision are not followed: a change
    /// to one of them needs its own reason.
    fn explain_new(&mut self, o: &Object, level: Level) {
        let mut stack = Vec::new();
        refs_in(o, &mut stack);
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if !self.fresh.contains(&id) || !seen.insert(id) || seen.len() > 100_000 {
                continue;
            }
            self.explain(id, level);
            if let Some(obj) = self.new.objects.get(&id) {
                refs_in(obj, &mut stack);
            }
        }
    }

    fn catalog(&mut self) {
        let (Some(old_root), Some(new_root)) = (
            self.old.trailer.get(b"Root").ok(),
            self.new.trailer.get(b"Root").ok(),
        ) else {
            return;
        };
        if old_root != new_root {
            self.say(Level::Other, "danh mục tài liệu (Root) bị thay thế", false);
            return;
        }
        let (Some(o), Some(n)) = (as_dict(self.old, old_root), as_dict(self.new, new_root)) else {
            return;
        };
        let keys = differing(o, n, CATALOG_EXEMPT);
        if !keys.is_empty() {
            self.say(
                Level::Other,
                format!(
                    "danh mục tài liệu (Catalog) bị thay đổi: {}",
                    keys.join(", ")
                ),
                false,
            );
        }
        if let Ok(id) = new_root.as_reference() {
            self.explain(id, Level::Maintenance);
        }
        for key in [&b"Extensions"[..], b"MarkInfo"] {
            if let Ok(v) = n.get(key) {
                let v = v.clone();
                if let Ok(id) = v.as_reference() {
                    self.explain(id, Level::Maintenance);
                }
                self.explain_new(&v, Level::Maintenance);
            }
        }
        // XMP metadata: any well-formed XMP packet may replace the old one.
        if let Ok(Object::Reference(id)) = n.get(b"Metadata")
            && self.touched(*id)
        {
            let xmp = self
                .new
                .objects
                .get(id)
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| {
                    s.decompressed_content_with_limit(pdf::MAX_INFLATED)
                        .ok()
                        .or(Some(s.content.clone()))
                })
                .is_some_and(|c| pdf::find_from(&c, b"xmpmeta", 0).is_some());
            if xmp {
                self.explain(*id, Level::Maintenance);
                self.say(Level::Maintenance, "cập nhật siêu dữ liệu XMP", false);
            } else {
                self.say(
                    Level::Other,
                    "siêu dữ liệu (Metadata) bị thay bằng nội dung không phải XMP",
                    false,
                );
            }
        }
        if let Ok(dss) = n.get(b"DSS") {
            let dss = dss.clone();
            self.dss(&dss, o.get(b"DSS").ok().cloned());
        }
    }

    /// The document security store (PAdES B-LT): certificates, CRLs, OCSP responses and the VRI
    /// entries of each signature may be added; old VRI entries must stay as they were.
    fn dss(&mut self, dss: &Object, old: Option<Object>) {
        let Some(d) = as_dict(self.new, dss).cloned() else {
            self.say(
                Level::Other,
                "kho xác minh (DSS) không đúng cấu trúc",
                false,
            );
            return;
        };
        let allowed: &[&[u8]] = &[b"Type", b"VRI", b"Certs", b"CRLs", b"OCSPs"];
        let mut ok = d.iter().all(|(k, _)| allowed.contains(&k.as_slice()));
        let old_vri = old
            .as_ref()
            .and_then(|o| as_dict(self.old, o))
            .and_then(|o| o.get(b"VRI").ok())
            .and_then(|v| as_dict(self.old, v))
            .cloned()
            .unwrap_or_default();
        let new_vri = d
            .get(b"VRI")
            .ok()
            .and_then(|v| as_dict(self.new, v))
            .cloned()
            .unwrap_or_default();
        for (k, v) in old_vri.iter() {
            let kept = new_vri.get(k).ok().is_some_and(|n| same(n, v));
            ok &= kept;
        }
        if !ok {
            self.say(
                Level::Other,
                "kho xác minh (DSS/VRI) bị sửa hoặc xóa",
                false,
            );
            return;
        }
        for v in [Some(dss), d.get(b"VRI").ok()].into_iter().flatten() {
            if let Ok(id) = v.as_reference() {
                self.explain(id, Level::Maintenance);
            }
        }
        for key in [&b"Certs"[..], b"CRLs", b"OCSPs"] {
            if let Ok(Object::Reference(id)) = d.get(key) {
                self.explain(*id, Level::Maintenance);
            }
        }
        self.explain_new(&Object::Dictionary(d), Level::Maintenance);
        self.say(
            Level::Maintenance,
            "thêm dữ liệu xác minh chữ ký dài hạn (DSS/VRI)",
            false,
        );
    }

    fn info(&mut self) {
        let Ok(Object::Reference(id)) = self.new.trailer.get(b"Info") else {
            return;
        };
        if self.touched(*id) {
            let id = *id;
            self.explain(id, Level::Maintenance);
            if let Some(o) = self.new.objects.get(&id).cloned() {
                self.explain_new(&o, Level::Maintenance);
            }
            self.say(
                Level::Maintenance,
                "cập nhật thông tin mô tả tài liệu (Info)",
                false,
            );
        }
    }

    fn pages(&mut self) {
        let pages = |doc: &Document| {
            doc.trailer
                .get(b"Root")
                .ok()
                .and_then(|r| as_dict(doc, r))
                .and_then(|r| r.get(b"Pages").ok())
                .and_then(|p| p.as_reference().ok())
        };
        let (Some(o), Some(n)) = (pages(self.old), pages(self.new)) else {
            return;
        };
        if o != n {
            self.say(Level::Other, "cây trang (Pages) bị thay thế", false);
            return;
        }
        let mut number = 0;
        let mut seen = BTreeSet::new();
        self.page_node(o, &mut number, &mut seen, 0);
    }

    fn page_node(
        &mut self,
        id: ObjectId,
        number: &mut u32,
        seen: &mut BTreeSet<ObjectId>,
        depth: usize,
    ) {
        if depth > 64 || !seen.insert(id) {
            return;
        }
        let (Ok(o), Ok(n)) = (self.old.get_dictionary(id), self.new.get_dictionary(id)) else {
            return;
        };
        let (o, n) = (o.clone(), n.clone());
        let kids = |d: &Dictionary, doc: &Document| -> Option<Vec<Object>> {
            d.get(b"Kids")
                .ok()
                .and_then(|k| resolve(doc, k))
                .and_then(|k| k.as_array().ok())
                .cloned()
        };
        match (kids(&o, self.old), kids(&n, self.new)) {
            (Some(ok), Some(nk)) => {
                if ok != nk || o.get(b"Count").ok() != n.get(b"Count").ok() {
                    self.say(Level::Other, "thêm hoặc bớt trang", false);
                    return;
                }
                if self.touched(id) && !differing(&o, &n, &[]).is_empty() {
                    self.say(Level::Other, "cây trang (Pages) bị thay đổi", false);
                }
                for k in ok.iter().filter_map(|k| k.as_reference().ok()) {
                    self.page_node(k, number, seen, depth + 1);
                }
            }
            (None, None) => {
                *number += 1;
                self.page(id, *number, &o, &n);
            }
            _ => self.say(Level::Other, "cây trang (Pages) bị thay đổi", false),
        }
    }

    fn page(&mut self, id: ObjectId, number: u32, o: &Dictionary, n: &Dictionary) {
        let keys = differing(o, n, &[b"Annots"]);
        if !keys.is_empty() {
            let what = if keys.iter().any(|k| k == "/Contents") {
                "nội dung"
            } else if keys.iter().any(|k| k == "/Resources") {
                "tài nguyên (phông chữ, hình ảnh)"
            } else {
                "kích thước, hướng hoặc thuộc tính trang"
            };
            self.say(
                Level::Other,
                format!("trang {number} bị thay đổi ({what})"),
                false,
            );
        }
        let annots = |doc: &Document, d: &Dictionary| -> Vec<Object> {
            d.get(b"Annots")
                .ok()
                .and_then(|a| resolve(doc, a))
                .and_then(|a| a.as_array().ok())
                .cloned()
                .unwrap_or_default()
        };
        let (old_a, new_a) = (annots(self.old, o), annots(self.new, n));
        if old_a.iter().any(|a| !new_a.contains(a)) {
            self.say(
                Level::Other,
                format!("chú thích trên trang {number} bị xóa hoặc thay thế"),
                false,
            );
        }
        let mut level = Level::Maintenance;
        for a in new_a.iter().filter(|a| !old_a.contains(a)) {
            let aid = a.as_reference().ok();
            if aid.is_some_and(|w| self.sig_widgets.contains(&w)) {
                continue;
            }
            if aid.is_some_and(|w| self.field_widgets.contains(&w)) {
                // A widget of a new field that is not a signature: the form rule said so.
                continue;
            }
            level = level.max(Level::Annotations);
            let kind = as_dict(self.new, a)
                .and_then(|d| name_of(d, b"Subtype"))
                .unwrap_or_else(|| "?".into());
            if let Some(aid) = aid {
                self.explain(aid, Level::Annotations);
            }
            self.explain_new(a, Level::Annotations);
            self.say(
                Level::Annotations,
                format!("thêm chú thích ({kind}) trên trang {number}"),
                false,
            );
        }
        // Comments already there and edited in place.
        for a in old_a.iter().filter_map(|a| a.as_reference().ok()) {
            if self.changed.contains(&a) && !self.field_widgets.contains(&a) {
                self.explain(a, Level::Annotations);
                if let Some(obj) = self.new.objects.get(&a).cloned() {
                    self.explain_new(&obj, Level::Annotations);
                }
                level = level.max(Level::Annotations);
                self.say(
                    Level::Annotations,
                    format!("chú thích trên trang {number} bị sửa"),
                    false,
                );
            }
        }
        self.explain(id, level);
        if let Ok(Object::Reference(arr)) = n.get(b"Annots") {
            self.explain(*arr, level);
        }
    }

    /// New objects that nothing in the new revision points to change nothing a reader shows.
    fn orphans(&mut self) {
        let mut stack: Vec<ObjectId> = Vec::new();
        refs_in(&Object::Dictionary(self.new.trailer.clone()), &mut stack);
        let mut reached = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if !reached.insert(id) {
                continue;
            }
            if let Some(o) = self.new.objects.get(&id) {
                refs_in(o, &mut stack);
            }
        }
        let orphans: Vec<ObjectId> = self
            .fresh
            .iter()
            .filter(|id| !reached.contains(id))
            .copied()
            .collect();
        for id in orphans {
            self.explain(id, Level::Maintenance);
        }
    }

    /// Words for what no rule explained.
    fn leftovers(&mut self) {
        let mut contents: BTreeMap<ObjectId, u32> = BTreeMap::new();
        for (n, page) in self.old.get_pages() {
            if let Ok(d) = self.old.get_dictionary(page) {
                let mut ids = Vec::new();
                if let Ok(c) = d.get(b"Contents") {
                    refs_in(c, &mut ids);
                    if let Some(Object::Array(a)) = resolve(self.old, c) {
                        a.iter().for_each(|i| refs_in(i, &mut ids));
                    }
                }
                for i in ids {
                    contents.insert(i, n);
                }
            }
        }
        let unexplained: Vec<ObjectId> = self
            .changed
            .iter()
            .filter(|id| !self.explained.contains_key(id))
            .copied()
            .collect();
        for id in unexplained {
            let old = self.old.objects.get(&id);
            let d = old.and_then(|o| as_dict(self.old, o));
            let subtype = d.and_then(|d| name_of(d, b"Subtype")).unwrap_or_default();
            let ty = d.and_then(|d| name_of(d, b"Type")).unwrap_or_default();
            let text = if let Some(n) = contents.get(&id) {
                format!("nội dung trang {n} bị thay đổi")
            } else if subtype == "Image" {
                format!(
                    "ảnh (đối tượng {}) bị thay thế, ví dụ ảnh chữ ký hoặc con dấu",
                    id.0
                )
            } else if d.is_some_and(|d| d.has(b"ByteRange")) {
                "chữ ký đã có bị thay đổi".into()
            } else if ty == "Font" || ty == "FontDescriptor" || d.is_some_and(|d| d.has(b"Length1"))
            {
                format!("phông chữ (đối tượng {}) bị thay đổi", id.0)
            } else if subtype == "Form" {
                format!("hình vẽ (đối tượng {}) bị thay đổi", id.0)
            } else if ty == "Annot" {
                format!("chú thích (đối tượng {}) bị thay đổi", id.0)
            } else if ty == "Page" {
                "thêm hoặc bớt trang".into()
            } else {
                format!("đối tượng {} bị thay đổi", id.0)
            };
            self.say(Level::Other, text, false);
        }
        let fresh_left = self
            .fresh
            .iter()
            .filter(|id| !self.explained.contains_key(id))
            .count();
        if fresh_left > 0 && !self.out.iter().any(|c| c.level == Level::Other) {
            self.say(
                Level::Other,
                format!("thêm {fresh_left} đối tượng không thuộc chữ ký, biểu mẫu hay chú thích"),
                false,
            );
        }
    }
}

/// The changes of `new` relative to the signed revision `old`, each with its level. `lock` is the
/// FieldMDP lock of the signature being judged.
pub fn analyse(old: &Document, new: &Document, lock: &Lock) -> Vec<Change> {
    let mut d = Diff {
        old,
        new,
        lock,
        changed: BTreeSet::new(),
        fresh: BTreeSet::new(),
        explained: BTreeMap::new(),
        sig_widgets: BTreeSet::new(),
        field_widgets: BTreeSet::new(),
        out: Vec::new(),
    };
    for (id, obj) in &new.objects {
        match old.objects.get(id) {
            Some(o) if same(o, obj) => {}
            Some(_) => {
                d.changed.insert(*id);
            }
            None => {
                d.fresh.insert(*id);
            }
        }
    }
    let freed = old
        .objects
        .keys()
        .filter(|id| !new.objects.contains_key(id))
        .count();
    if freed > 0 {
        d.say(
            Level::Other,
            format!("{freed} đối tượng của bản đã ký bị xóa khỏi tệp"),
            false,
        );
    }
    if old.encryption_state.is_some() != new.encryption_state.is_some() {
        d.say(Level::Other, "mã hóa của tệp bị thêm hoặc gỡ", false);
    }
    let streams: Vec<ObjectId> = d
        .fresh
        .iter()
        .filter(|id| {
            new.objects
                .get(id)
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| name_of(&s.dict, b"Type"))
                .is_some_and(|t| t == "XRef" || t == "ObjStm")
        })
        .copied()
        .collect();
    for id in streams {
        d.explain(id, Level::Maintenance);
    }
    d.catalog();
    d.info();
    d.form();
    d.pages();
    d.orphans();
    d.leftovers();
    d.out
}
