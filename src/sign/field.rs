//! Adding one signature field to an existing document: its widget joins the page's `/Annots` and
//! the AcroForm's `/Fields`. Each object touched is rewritten from its source form ([`Raw`]), so
//! nothing else in it changes and the signatures already in the file stay valid; the page's
//! content stream is never touched (the visible signature is the widget's own appearance).

use lopdf::{Object, ObjectId};

use super::pdf::{Parsed, Update};
use super::raw::{self, Raw};
use crate::error::{Error, Result};

fn unreadable(id: ObjectId) -> Error {
    Error::Pdf(format!(
        "Tệp PDF bị hỏng hoặc không đọc được: không đọc được đối tượng {} {}.",
        id.0, id.1
    ))
}

/// Object `id` as its producer wrote it; as lopdf parsed it when its source cannot be read (an
/// xref offset that is slightly off), which loses only the precision of its reals.
fn source(parsed: &Parsed, input: &[u8], id: ObjectId) -> Result<Raw> {
    if let Some(v) = raw::object(&parsed.doc, input, id) {
        return Ok(v);
    }
    let obj = parsed.doc.get_object(id).map_err(|_| unreadable(id))?;
    Raw::from_object(obj).ok_or_else(|| unreadable(id))
}

/// Names of the form's top-level fields.
fn field_names(doc: &lopdf::Document, fields: &Raw) -> Vec<String> {
    let Raw::Array(items) = fields else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|f| {
            let d = match f.as_ref_id() {
                Some(id) => doc.get_dictionary(id).ok()?,
                None => return None,
            };
            super::pdf::decode_text(d.get(b"T").ok()?)
        })
        .collect()
}

/// SigFlags 3 (signatures exist, append only) when the file has no signature yet. A file already
/// signed keeps what its first signer wrote: changing the AcroForm beyond `/Fields` is a change
/// validators such as pyHanko hold against the earlier signatures.
fn sig_flags(form: &mut Raw, already_signed: bool) {
    let current = form.get(b"SigFlags").and_then(Raw::as_int);
    if current.is_some_and(|f| f & 3 == 3) || already_signed {
        return;
    }
    form.set(b"SigFlags", Raw::int(current.unwrap_or(0) | 3));
}

/// Adds the widget `widget` (a merged field and widget, written by the caller) to the form and to
/// `page`. Returns the field name to give it (`Signature<n>`, unique among the form's fields).
pub fn add(
    parsed: &Parsed,
    input: &[u8],
    u: &mut Update,
    widget: ObjectId,
    page: ObjectId,
    already_signed: bool,
) -> Result<String> {
    let doc = &parsed.doc;
    let mut catalog = source(parsed, input, parsed.root)?;
    let widget_ref = Raw::reference(widget);
    let form_ref = catalog.get(b"AcroForm").and_then(Raw::as_ref_id);
    let mut form = match (form_ref, catalog.get(b"AcroForm")) {
        (Some(id), _) => source(parsed, input, id)?,
        (None, Some(d @ Raw::Dict(_))) => d.clone(),
        _ => Raw::Dict(Vec::new()),
    };
    let fields_ref = form.get(b"Fields").and_then(Raw::as_ref_id);
    let mut fields = match (fields_ref, form.get(b"Fields")) {
        (Some(id), _) => source(parsed, input, id)?,
        (None, Some(a @ Raw::Array(_))) => a.clone(),
        _ => Raw::Array(Vec::new()),
    };
    let names = field_names(doc, &fields);
    let name = (fields.len() + 1..)
        .map(|n| format!("Signature{n}"))
        .find(|n| !names.contains(n))
        .unwrap_or_else(|| "Signature".into());
    fields.push(widget_ref.clone());
    let before = form.clone();
    match fields_ref {
        Some(id) => u.set_raw_value(id, &fields),
        None => form.set(b"Fields", fields),
    }
    sig_flags(&mut form, already_signed);
    if form != before || form_ref.is_none() {
        match form_ref {
            Some(id) => u.set_raw_value(id, &form),
            None => {
                catalog.set(b"AcroForm", form);
                u.set_raw_value(parsed.root, &catalog);
            }
        }
    }

    // The page's /Annots: the array object when indirect, else the page dictionary.
    let mut page_dict = source(parsed, input, page)?;
    match page_dict.get(b"Annots").cloned() {
        Some(r) if r.as_ref_id().is_some() => {
            let id = r.as_ref_id().ok_or_else(|| unreadable(page))?;
            let mut annots = source(parsed, input, id)?;
            if !matches!(annots, Raw::Array(_)) {
                annots = Raw::Array(Vec::new());
            }
            annots.push(widget_ref);
            u.set_raw_value(id, &annots);
        }
        Some(Raw::Array(mut items)) => {
            items.push(widget_ref);
            page_dict.set(b"Annots", Raw::Array(items));
            u.set_raw_value(page, &page_dict);
        }
        _ => {
            page_dict.set(b"Annots", Raw::Array(vec![widget_ref]));
            u.set_raw_value(page, &page_dict);
        }
    }
    Ok(name)
}

impl Raw {
    /// A value lopdf parsed, in source form (reals lose the digits lopdf's `f32` dropped).
    /// Streams cannot be edited this way.
    pub fn from_object(obj: &Object) -> Option<Raw> {
        Some(match obj {
            Object::Stream(_) => return None,
            Object::Array(a) => Raw::Array(a.iter().map(Raw::from_object).collect::<Option<_>>()?),
            Object::Dictionary(d) => Raw::Dict(
                d.iter()
                    .map(|(k, v)| {
                        let mut name = Vec::new();
                        super::pdf::write_object(&mut name, &Object::Name(k.clone()));
                        Some((name, Raw::from_object(v)?))
                    })
                    .collect::<Option<_>>()?,
            ),
            Object::String(s, _) => Raw::Str(s.clone()),
            other => {
                let mut t = Vec::new();
                super::pdf::write_object(&mut t, other);
                Raw::Token(t)
            }
        })
    }
}
