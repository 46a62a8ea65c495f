//! The form's part of the change analysis: the AcroForm, fields added (signature fields only) or
//! removed, values typed into fields (refused for a field a signature locked), signatures put
//! into existing fields, and appearances that go with those values.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, ObjectId};

use super::{
    Diff, FORM_EXEMPT, Level, VALUE_KEYS, as_dict, differing, name_of, same, visible, widgets,
};
use crate::sign::verify::fields;

impl Diff<'_> {
    pub(super) fn form(&mut self) {
        let (old_form, new_form) = (fields::acroform(self.old), fields::acroform(self.new));
        match (old_form, new_form) {
            (Some(_), None) => self.say(Level::Other, "biểu mẫu (AcroForm) bị xóa", false),
            (Some(o), Some(n)) if !differing(o, n, FORM_EXEMPT).is_empty() => {
                self.say(Level::Other, "biểu mẫu (AcroForm) bị thay đổi", false);
            }
            _ => {}
        }
        if let Some(n) = new_form.cloned() {
            let root = self.new.trailer.get(b"Root").ok();
            if let Some(Ok(Object::Reference(id))) = root
                .and_then(|r| as_dict(self.new, r))
                .map(|r| r.get(b"AcroForm"))
            {
                self.explain(*id, Level::Maintenance);
            }
            if let Ok(Object::Reference(id)) = n.get(b"Fields") {
                self.explain(*id, Level::Maintenance);
            }
            if let Ok(dr) = n.get(b"DR") {
                self.explain_new(dr, Level::FormFilling);
            }
        }
        let old_fields: BTreeMap<String, (Option<ObjectId>, Dictionary)> =
            fields::terminal_fields(self.old)
                .into_iter()
                .map(|(n, id, d)| (n, (id, d)))
                .collect();
        let new_fields = fields::terminal_fields(self.new);
        for (_, id, d) in &new_fields {
            self.field_widgets.extend(widgets(self.new, *id, d));
        }
        let new_names: BTreeSet<&String> = new_fields.iter().map(|(n, _, _)| n).collect();
        for name in old_fields.keys().filter(|n| !new_names.contains(n)) {
            self.say(
                Level::Other,
                format!("trường biểu mẫu «{name}» bị xóa"),
                false,
            );
        }
        for (name, id, d) in new_fields {
            let is_sig = fields::field_type(self.new, &d).as_deref() == Some(b"Sig");
            match old_fields.get(&name) {
                None if is_sig => self.new_signature_field(&name, id, &d),
                None => self.say(
                    Level::Other,
                    format!("thêm trường biểu mẫu «{name}» (không phải trường chữ ký)"),
                    false,
                ),
                Some((old_id, old_d)) => {
                    self.existing_field(&name, (*old_id, old_d), (id, &d), is_sig);
                }
            }
        }
    }

    fn new_signature_field(&mut self, name: &str, id: Option<ObjectId>, d: &Dictionary) {
        let ws = widgets(self.new, id, d);
        let shown = visible(self.new, d, &ws);
        let level = if shown {
            Level::FormFilling
        } else {
            Level::Maintenance
        };
        for w in id.into_iter().chain(ws.iter().copied()) {
            if self.fresh.contains(&w) {
                self.explain(w, level);
            }
            self.sig_widgets.insert(w);
        }
        if let Ok(Object::Reference(kids)) = d.get(b"Kids")
            && self.fresh.contains(kids)
        {
            self.explain(*kids, level);
        }
        for key in [&b"AP"[..], b"Lock", b"SV"] {
            if let Ok(v) = d.get(key) {
                self.explain_new(&v.clone(), Level::FormFilling);
            }
        }
        for w in &ws {
            if let Some(ap) = self
                .new
                .get_dictionary(*w)
                .ok()
                .and_then(|w| w.get(b"AP").ok())
            {
                self.explain_new(&ap.clone(), Level::FormFilling);
            }
        }
        match d.get(b"V") {
            Ok(v) => {
                let v = v.clone();
                let stamp = self.signature_value(name, &v, shown);
                let text = if stamp {
                    format!("thêm dấu thời gian tài liệu ({name})")
                } else {
                    format!("thêm chữ ký số mới ({name})")
                };
                self.say(level, text, true);
            }
            Err(_) => self.say(level, format!("thêm trường chữ ký trống «{name}»"), true),
        }
    }

    /// A signature dictionary put into a field after signing: it must be a new object. Returns
    /// whether it is a document timestamp.
    fn signature_value(&mut self, name: &str, v: &Object, shown: bool) -> bool {
        let Ok(id) = v.as_reference() else {
            self.explain_new(v, Level::FormFilling);
            return false;
        };
        if !self.fresh.contains(&id) {
            self.say(
                Level::Other,
                format!("chữ ký «{name}» dùng lại một đối tượng đã có trước khi ký"),
                false,
            );
            return false;
        }
        let stamp = self
            .new
            .get_dictionary(id)
            .ok()
            .and_then(|d| name_of(d, b"Type"))
            .is_some_and(|t| t == "DocTimeStamp");
        let level = if stamp && !shown {
            Level::Maintenance
        } else {
            Level::FormFilling
        };
        self.explain(id, level);
        self.explain_new(v, level);
        stamp
    }

    fn existing_field(
        &mut self,
        name: &str,
        (old_id, old_d): (Option<ObjectId>, &Dictionary),
        (id, d): (Option<ObjectId>, &Dictionary),
        is_sig: bool,
    ) {
        let ws = widgets(self.new, id, d);
        let old_ws = widgets(self.old, old_id, old_d);
        let touched = id.is_some_and(|i| self.touched(i))
            || ws.iter().any(|w| self.touched(*w))
            || old_id.is_none()
                && !same(
                    &Object::Dictionary(old_d.clone()),
                    &Object::Dictionary(d.clone()),
                );
        if !touched {
            return;
        }
        if old_id != id || old_ws != ws {
            self.say(
                Level::Other,
                format!("trường «{name}» bị thay bằng trường khác"),
                false,
            );
            return;
        }
        let mut extra = differing(old_d, d, VALUE_KEYS);
        for w in ws.iter().filter(|w| Some(**w) != id) {
            if let (Ok(o), Ok(n)) = (self.old.get_dictionary(*w), self.new.get_dictionary(*w)) {
                extra.extend(differing(o, n, VALUE_KEYS));
            }
        }
        if !extra.is_empty() {
            self.say(
                Level::Other,
                format!("trường «{name}» bị thay đổi ({})", extra.join(", ")),
                false,
            );
            return;
        }
        let minor: &[&[u8]] = &[b"Ff", b"F", b"Type"];
        let value_changed = !differing(old_d, d, minor).is_empty()
            || ws.iter().any(|w| {
                match (self.old.get_dictionary(*w), self.new.get_dictionary(*w)) {
                    (Ok(o), Ok(n)) => !differing(o, n, minor).is_empty(),
                    _ => false,
                }
            });
        let level = if !value_changed {
            Level::Maintenance
        } else if is_sig {
            match (old_d.get(b"V").ok(), d.get(b"V").ok()) {
                (None, Some(v)) => {
                    let v = v.clone();
                    let shown = visible(self.new, d, &ws);
                    self.signature_value(name, &v, shown);
                    self.say(
                        Level::FormFilling,
                        format!("ký vào trường chữ ký có sẵn «{name}»"),
                        true,
                    );
                    Level::FormFilling
                }
                (Some(a), Some(b)) if same(a, b) => {
                    self.say(
                        Level::Other,
                        format!("hình hiển thị của chữ ký «{name}» bị thay đổi"),
                        false,
                    );
                    return;
                }
                (Some(_), _) => {
                    self.say(
                        Level::Other,
                        format!("chữ ký «{name}» bị xóa hoặc thay thế"),
                        false,
                    );
                    return;
                }
                (None, None) => Level::FormFilling,
            }
        } else if self.lock.locks(name) {
            self.say(
                Level::Other,
                format!("trường «{name}» đã bị chữ ký khóa nhưng vẫn bị sửa"),
                false,
            );
            return;
        } else {
            if let Ok(v) = d.get(b"V") {
                self.explain_new(&v.clone(), Level::FormFilling);
            }
            self.say(
                Level::FormFilling,
                format!("điền biểu mẫu: trường «{name}»"),
                false,
            );
            Level::FormFilling
        };
        for w in id.into_iter().chain(ws.iter().copied()) {
            self.explain(w, level);
            let pair = (
                self.old.get_dictionary(w).ok().cloned(),
                self.new.get_dictionary(w).ok().cloned(),
            );
            self.appearance(
                pair.0.as_ref().unwrap_or(old_d),
                pair.1.as_ref().unwrap_or(d),
            );
        }
        if old_id.is_none() {
            self.appearance(old_d, d);
        }
    }

    /// A field's new appearance: new streams, or the same stream objects rewritten in place.
    fn appearance(&mut self, old: &Dictionary, new: &Dictionary) {
        let Ok(ap) = new.get(b"AP") else { return };
        let ap = ap.clone();
        if let Ok(id) = ap.as_reference() {
            self.explain(id, Level::FormFilling);
        }
        self.explain_new(&ap, Level::FormFilling);
        let old_ap = old
            .get(b"AP")
            .ok()
            .and_then(|a| as_dict(self.old, a))
            .cloned();
        let (Some(old_ap), Some(new_ap)) = (old_ap, as_dict(self.new, &ap).cloned()) else {
            return;
        };
        for key in [&b"N"[..], b"R", b"D"] {
            if let (Ok(Object::Reference(a)), Ok(Object::Reference(b))) =
                (old_ap.get(key), new_ap.get(key))
                && a == b
            {
                self.explain(*b, Level::FormFilling);
            }
        }
    }
}
