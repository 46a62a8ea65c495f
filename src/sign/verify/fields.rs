//! Where a PDF's signatures are: every signature field of the AcroForm with its value (a damaged
//! value included, so that a broken signature is reported as broken and not as absent), signature
//! dictionaries no field points to, and the permissions signatures set: the DocMDP level of a
//! certification signature and the FieldMDP lock of a signature field (ISO 32000-1 §12.8.2).

use std::collections::BTreeSet;

use lopdf::{Dictionary, Object, ObjectId};

use crate::sign::pdf;

/// A signature field's value.
#[derive(Debug, Clone)]
pub enum Value {
    /// The signature dictionary (and its object, when indirect as it should be).
    Ok(Option<ObjectId>, Dictionary),
    /// Why the value cannot be read.
    Damaged(String),
}

/// One signature found in the file.
#[derive(Debug, Clone)]
pub struct Found {
    /// Fully qualified field name (empty for a dictionary no field points to).
    pub name: String,
    /// The field's value.
    pub value: Value,
    /// The field's `/Lock` dictionary, if any.
    pub lock: Option<Dictionary>,
}

fn deref<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

fn dict<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The AcroForm dictionary.
pub fn acroform(doc: &lopdf::Document) -> Option<&Dictionary> {
    let root = doc.trailer.get(b"Root").ok()?;
    dict(doc, dict(doc, root)?.get(b"AcroForm").ok()?)
}

/// A field's type, inherited through `/Parent` (ISO 32000-1 §12.7.3.1).
pub fn field_type(doc: &lopdf::Document, d: &Dictionary) -> Option<Vec<u8>> {
    let mut cur = d;
    for _ in 0..32 {
        if let Ok(ft) = cur.get(b"FT").and_then(Object::as_name) {
            return Some(ft.to_vec());
        }
        cur = dict(doc, cur.get(b"Parent").ok()?)?;
    }
    None
}

/// Terminal fields of the form: fully qualified name, field object (when indirect) and dictionary.
/// Kids without `/T` are the field's widgets, not fields.
pub fn terminal_fields(doc: &lopdf::Document) -> Vec<(String, Option<ObjectId>, Dictionary)> {
    let mut out = Vec::new();
    let Some(fields) = acroform(doc)
        .and_then(|f| f.get(b"Fields").ok())
        .and_then(|f| deref(doc, f))
        .and_then(|f| f.as_array().ok())
    else {
        return out;
    };
    let mut seen = BTreeSet::new();
    let mut stack: Vec<(Object, String)> = fields
        .iter()
        .rev()
        .map(|f| (f.clone(), String::new()))
        .collect();
    while let Some((f, prefix)) = stack.pop() {
        if out.len() > 10_000 {
            break;
        }
        let id = f.as_reference().ok();
        if let Some(id) = id
            && !seen.insert(id)
        {
            continue;
        }
        let Some(d) = dict(doc, &f) else { continue };
        let t = d.get(b"T").ok().and_then(pdf::decode_text);
        let name = match (&t, prefix.is_empty()) {
            (Some(t), true) => t.clone(),
            (Some(t), false) => format!("{prefix}.{t}"),
            (None, _) => prefix.clone(),
        };
        let kids: Vec<Object> = d
            .get(b"Kids")
            .ok()
            .and_then(|k| deref(doc, k))
            .and_then(|k| k.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let child_fields: Vec<&Object> = kids
            .iter()
            .filter(|k| dict(doc, k).is_some_and(|kd| kd.has(b"T")))
            .collect();
        if child_fields.is_empty() {
            out.push((name, id, d.clone()));
        } else {
            for k in child_fields.into_iter().rev() {
                stack.push((k.clone(), name.clone()));
            }
        }
    }
    out
}

/// Every signature of the file, in form order: signed signature fields (unsigned ones are empty
/// boxes, not signatures) and signature dictionaries that no field points to.
pub fn signatures(doc: &lopdf::Document) -> Vec<Found> {
    let mut out = Vec::new();
    let mut used = BTreeSet::new();
    for (name, _, d) in terminal_fields(doc) {
        if field_type(doc, &d).as_deref() != Some(b"Sig") {
            continue;
        }
        let lock = d.get(b"Lock").ok().and_then(|l| dict(doc, l)).cloned();
        let Ok(v) = d.get(b"V") else { continue };
        let value = match v {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(Object::Dictionary(sd)) => {
                    used.insert(*id);
                    Value::Ok(Some(*id), sd.clone())
                }
                Ok(_) => Value::Damaged(format!(
                    "giá trị của trường chữ ký «{name}» không phải từ điển chữ ký"
                )),
                Err(_) => Value::Damaged(format!(
                    "trường chữ ký «{name}» trỏ tới đối tượng {} {} không còn đọc được trong tệp \
                     (bị xóa, bị đánh số lại hoặc bị cắt)",
                    id.0, id.1
                )),
            },
            Object::Dictionary(sd) => Value::Ok(None, sd.clone()),
            Object::Null => continue,
            _ => Value::Damaged(format!(
                "giá trị của trường chữ ký «{name}» không phải từ điển chữ ký"
            )),
        };
        out.push(Found { name, value, lock });
    }
    // A signature dictionary cut loose from its field is still a signature someone made (when a
    // field already reports a damaged value, that is usually the same signature).
    let damaged = out.iter().any(|f| matches!(f.value, Value::Damaged(_)));
    for (id, o) in doc.objects.iter().filter(|_| !damaged) {
        if used.contains(id) {
            continue;
        }
        let Object::Dictionary(d) = o else { continue };
        let is_sig = d.has(b"ByteRange")
            && d.has(b"Contents")
            && matches!(
                d.get(b"Type").and_then(Object::as_name),
                Ok(b"Sig" | b"DocTimeStamp")
            );
        if is_sig {
            out.push(Found {
                name: String::new(),
                value: Value::Damaged(format!(
                    "có chữ ký số (đối tượng {} {}) nhưng không trường chữ ký nào trỏ tới nó: \
                     trường chữ ký đã bị gỡ hoặc hỏng",
                    id.0, id.1
                )),
                lock: None,
            });
        }
    }
    out
}

/// A certification signature: which one (index into [`signatures`]) and its DocMDP level
/// (1 no changes, 2 form filling and signing, 3 also annotations).
#[derive(Debug, Clone, Copy)]
pub struct Certification {
    /// Index of the signature in [`signatures`].
    pub index: usize,
    /// The `/P` of its DocMDP transform parameters.
    pub level: u8,
}

fn transform_params<'a>(
    doc: &'a lopdf::Document,
    sig: &'a Dictionary,
    method: &[u8],
) -> Option<&'a Dictionary> {
    let refs = deref(doc, sig.get(b"Reference").ok()?)?.as_array().ok()?;
    refs.iter().find_map(|r| {
        let r = dict(doc, r)?;
        (r.get(b"TransformMethod").and_then(Object::as_name).ok()? == method)
            .then(|| dict(doc, r.get(b"TransformParams").ok()?))
            .flatten()
    })
}

fn level(d: &Dictionary) -> Option<u8> {
    match d.get(b"P").and_then(Object::as_i64) {
        Ok(p @ 1..=3) => Some(p as u8),
        _ => None,
    }
}

/// The document's certification signature, if any (DocMDP in a signature's `/Reference`).
pub fn certification(doc: &lopdf::Document, found: &[Found]) -> Option<Certification> {
    found.iter().enumerate().find_map(|(index, f)| {
        let Value::Ok(_, sig) = &f.value else {
            return None;
        };
        let params = transform_params(doc, sig, b"DocMDP")?;
        Some(Certification {
            index,
            level: level(params).unwrap_or(2),
        })
    })
}

/// What a signature field's lock forbids after that signature (FieldMDP, ISO 32000-1 §12.8.2.3,
/// and PDF 2.0's `/P` in the lock).
#[derive(Debug, Clone, Default)]
pub struct Lock {
    /// A DocMDP-like level the lock sets, if any.
    pub level: Option<u8>,
    /// Locked field names: `None` no field; `Some((true, names))` every field except `names`;
    /// `Some((false, names))` exactly `names`.
    pub fields: Option<(bool, Vec<String>)>,
}

impl Lock {
    /// Whether the field `name` (fully qualified) may not change.
    pub fn locks(&self, name: &str) -> bool {
        match &self.fields {
            None => false,
            Some((true, except)) => !except.iter().any(|e| e == name),
            Some((false, only)) => only.iter().any(|o| o == name),
        }
    }
}

/// The lock that applies after signature `f`: from its signed FieldMDP reference, else from the
/// field's `/Lock` dictionary.
pub fn lock(doc: &lopdf::Document, f: &Found) -> Lock {
    let params = match &f.value {
        Value::Ok(_, sig) => transform_params(doc, sig, b"FieldMDP"),
        Value::Damaged(_) => None,
    }
    .or(f.lock.as_ref());
    let Some(p) = params else {
        return Lock::default();
    };
    let names = || -> Vec<String> {
        p.get(b"Fields")
            .ok()
            .and_then(|a| deref(doc, a))
            .and_then(|a| a.as_array().ok())
            .map(|a| a.iter().filter_map(pdf::decode_text).collect())
            .unwrap_or_default()
    };
    let fields = match p.get(b"Action").and_then(Object::as_name) {
        Ok(b"All") => Some((true, Vec::new())),
        Ok(b"Exclude") => Some((true, names())),
        Ok(b"Include") => Some((false, names())),
        _ => None,
    };
    Lock {
        level: level(p),
        fields,
    }
}
