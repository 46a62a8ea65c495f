//! The visible part of a signature (Nghị định 30 §8): PNG images with transparency turned into
//! image XObjects with a soft mask, the placement rules (signature centred in its box, seal at real
//! size over the left third of the signature) and the 10 pt text stamp of a separate attachment,
//! drawn with an embedded Liberation Serif (Identity-H with a ToUnicode map so the Vietnamese text
//! extracts exactly).

use lopdf::{Dictionary, Object, Stream};

use super::pdf::{Update, real};
use crate::error::{Error, Field, Result};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A rectangle in PDF points, origin bottom-left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Bottom.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// As a PDF `/Rect` array.
    pub fn to_pdf(self) -> Object {
        Object::Array(vec![
            real(self.x),
            real(self.y),
            real(self.x + self.w),
            real(self.y + self.h),
        ])
    }

    /// From a PDF `[x1 y1 x2 y2]` array.
    pub fn from_pdf(obj: &Object) -> Option<Rect> {
        let a = obj.as_array().ok()?;
        let n: Vec<f32> = a.iter().filter_map(|o| o.as_float().ok()).collect();
        if n.len() != 4 {
            return None;
        }
        let (x1, x2) = (n[0].min(n[2]), n[0].max(n[2]));
        let (y1, y2) = (n[1].min(n[3]), n[1].max(n[3]));
        Some(Rect {
            x: x1,
            y: y1,
            w: x2 - x1,
            h: y2 - y1,
        })
    }

    /// The largest rectangle of aspect `w:h` inside `self`, centred.
    pub fn fit(self, w: f32, h: f32) -> Rect {
        let scale = (self.w / w).min(self.h / h);
        let (fw, fh) = (w * scale, h * scale);
        Rect {
            x: self.x + (self.w - fw) / 2.0,
            y: self.y + (self.h - fh) / 2.0,
            w: fw,
            h: fh,
        }
    }

    /// Where the organisation's seal goes: a `diameter` circle whose right part covers the left
    /// third of the signature image `self`, vertically centred on it.
    pub fn seal_over_left_third(self, diameter: f32) -> Rect {
        Rect {
            x: self.x + self.w / 3.0 - diameter,
            y: self.y + self.h / 2.0 - diameter / 2.0,
            w: diameter,
            h: diameter,
        }
    }
}

/// A decoded PNG: RGB samples and, when the PNG has transparency, an alpha plane.
pub struct Image {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    rgb: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

/// Decodes a PNG. `what` names it in error messages.
pub fn decode_png(bytes: &[u8], what: &str) -> Result<Image> {
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).map_err(|e| {
        tracing::warn!(error = %e, "png");
        Error::bad_value(
            if what.contains("dấu") {
                Field::SealImage
            } else {
                Field::SignatureImage
            },
            "",
            format!("ảnh {what} không phải PNG hợp lệ"),
        )
    })?;
    let has_alpha = img.color().has_alpha();
    let rgba = img.to_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = Vec::with_capacity((width * height * 3) as usize);
    let mut alpha = Vec::with_capacity((width * height) as usize);
    for p in rgba.pixels() {
        rgb.extend_from_slice(&p.0[..3]);
        alpha.push(p.0[3]);
    }
    Ok(Image {
        width,
        height,
        rgb,
        alpha: has_alpha.then_some(alpha),
    })
}

fn compressed(dict: Dictionary, content: Vec<u8>) -> Object {
    let mut s = Stream::new(dict, content);
    // Compression failure only costs size; the uncompressed stream is still valid.
    let _ = s.compress();
    Object::Stream(s)
}

/// Adds the image (and its soft mask) to the update; returns the image XObject.
pub fn add_image(u: &mut Update, img: &Image) -> lopdf::ObjectId {
    let mut base = Dictionary::new();
    base.set("Type", Object::Name(b"XObject".to_vec()));
    base.set("Subtype", Object::Name(b"Image".to_vec()));
    base.set("Width", Object::Integer(i64::from(img.width)));
    base.set("Height", Object::Integer(i64::from(img.height)));
    base.set("BitsPerComponent", Object::Integer(8));
    let mut dict = base.clone();
    if let Some(alpha) = &img.alpha {
        let mut m = base;
        m.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        let mask = u.add(&compressed(m, alpha.clone()));
        dict.set("SMask", Object::Reference(mask));
    }
    dict.set("ColorSpace", Object::Name(b"DeviceRGB".to_vec()));
    u.add(&compressed(dict, img.rgb.clone()))
}

/// A form XObject of size `w`×`h` (the widget's normal appearance).
pub fn form(w: f32, h: f32, resources: Dictionary, content: Vec<u8>) -> Object {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Form".to_vec()));
    d.set(
        "BBox",
        Object::Array(vec![real(0.0), real(0.0), real(w), real(h)]),
    );
    d.set("Resources", Object::Dictionary(resources));
    compressed(d, content)
}

/// Appearance drawing one image filling the whole box.
pub fn image_appearance(u: &mut Update, img: &Image, rect: Rect) -> lopdf::ObjectId {
    let im = add_image(u, img);
    let mut xo = Dictionary::new();
    xo.set("Im0", Object::Reference(im));
    let mut res = Dictionary::new();
    res.set("XObject", Object::Dictionary(xo));
    let content = format!("q {:.3} 0 0 {:.3} 0 0 cm /Im0 Do Q", rect.w, rect.h).into_bytes();
    u.add(&form(rect.w, rect.h, res, content))
}

static SERIF: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");

/// Text laid out in the embedded font: glyph ids and total advance in text-space units (1/1000).
struct Shaped {
    glyphs: Vec<(u16, char, u16)>,
    advance: u32,
}

fn shape(face: &ttf_parser::Face<'_>, text: &str) -> Shaped {
    let upem = f32::from(face.units_per_em());
    let mut glyphs = Vec::new();
    let mut advance = 0u32;
    for c in text.chars() {
        let gid = face.glyph_index(c).map_or(0, |g| g.0);
        let adv = face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .map_or(0, |a| (f32::from(a) * 1000.0 / upem).round() as u16);
        advance += u32::from(adv);
        glyphs.push((gid, c, adv));
    }
    Shaped { glyphs, advance }
}

/// Adds Liberation Serif as a Type0/Identity-H font covering the glyphs of `text`; returns the
/// font object.
fn add_font(u: &mut Update, face: &ttf_parser::Face<'_>, shaped: &Shaped) -> lopdf::ObjectId {
    let upem = f32::from(face.units_per_em());
    let scale = |v: i16| Object::Integer((f32::from(v) * 1000.0 / upem).round() as i64);
    let mut file = Dictionary::new();
    file.set("Length1", Object::Integer(SERIF.len() as i64));
    let file_id = u.add(&compressed(file, SERIF.to_vec()));
    let bbox = face.global_bounding_box();
    let mut desc = Dictionary::new();
    desc.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    desc.set("FontName", Object::Name(b"LiberationSerif".to_vec()));
    desc.set("Flags", Object::Integer(6));
    desc.set(
        "FontBBox",
        Object::Array(vec![
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
        ]),
    );
    desc.set("ItalicAngle", Object::Integer(0));
    desc.set("Ascent", scale(face.ascender()));
    desc.set("Descent", scale(face.descender()));
    desc.set(
        "CapHeight",
        scale(face.capital_height().unwrap_or(face.ascender())),
    );
    desc.set("StemV", Object::Integer(80));
    desc.set("FontFile2", Object::Reference(file_id));
    let desc_id = u.add(&Object::Dictionary(desc));
    let mut seen = std::collections::BTreeMap::new();
    for (gid, c, adv) in &shaped.glyphs {
        seen.entry(*gid).or_insert((*c, *adv));
    }
    let mut widths = Vec::new();
    for (gid, (_, adv)) in &seen {
        widths.push(Object::Integer(i64::from(*gid)));
        widths.push(Object::Array(vec![Object::Integer(i64::from(*adv))]));
    }
    let mut info = Dictionary::new();
    info.set("Registry", Object::string_literal("Adobe"));
    info.set("Ordering", Object::string_literal("Identity"));
    info.set("Supplement", Object::Integer(0));
    let mut cid = Dictionary::new();
    cid.set("Type", Object::Name(b"Font".to_vec()));
    cid.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
    cid.set("BaseFont", Object::Name(b"LiberationSerif".to_vec()));
    cid.set("CIDSystemInfo", Object::Dictionary(info));
    cid.set("FontDescriptor", Object::Reference(desc_id));
    cid.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    cid.set("W", Object::Array(widths));
    let cid_id = u.add(&Object::Dictionary(cid));
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<_> = seen.iter().collect();
    for chunk in entries.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (gid, (c, _)) in chunk {
            let mut units = [0u16; 2];
            let hexes: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            cmap.push_str(&format!("<{gid:04X}> <{hexes}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let cmap_id = u.add(&compressed(Dictionary::new(), cmap.into_bytes()));
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(b"LiberationSerif".to_vec()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set(
        "DescendantFonts",
        Object::Array(vec![Object::Reference(cid_id)]),
    );
    font.set("ToUnicode", Object::Reference(cmap_id));
    u.add(&Object::Dictionary(font))
}

/// The attachment stamp: `text` at 10 pt, black, right-aligned so it ends `right` points from the
/// page's right edge with its baseline `top` points below the page top. Returns the widget
/// rectangle and its appearance.
pub fn text_stamp(
    u: &mut Update,
    text: &str,
    media: Rect,
    right: f32,
    top: f32,
) -> Result<(Rect, lopdf::ObjectId)> {
    const SIZE: f32 = 10.0;
    let face = ttf_parser::Face::parse(SERIF, 0)
        .map_err(|e| Error::internal(format!("phông chữ Liberation Serif hỏng: {e}")))?;
    let shaped = shape(&face, text);
    let width = shaped.advance as f32 * SIZE / 1000.0;
    let (pad_below, height) = (3.0, SIZE + 4.0);
    let rect = Rect {
        x: media.x + media.w - right - width,
        y: media.y + media.h - top - pad_below,
        w: width,
        h: height,
    };
    let font = add_font(u, &face, &shaped);
    let hex: String = shaped
        .glyphs
        .iter()
        .map(|(g, _, _)| format!("{g:04X}"))
        .collect();
    let content = format!("BT /F1 {SIZE} Tf 0 g 0 {pad_below} Td <{hex}> Tj ET").into_bytes();
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font));
    let mut res = Dictionary::new();
    res.set("Font", Object::Dictionary(fonts));
    let ap = u.add(&form(rect.w, rect.h, res, content));
    Ok((rect, ap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_covers_left_third_of_signature() {
        let sig = Rect {
            x: 300.0,
            y: 100.0,
            w: 150.0,
            h: 60.0,
        };
        let seal = sig.seal_over_left_third(102.0);
        assert!((seal.x + seal.w - (sig.x + 50.0)).abs() < 1e-3);
        assert!((seal.y + seal.h / 2.0 - (sig.y + 30.0)).abs() < 1e-3);
    }

    #[test]
    fn fit_keeps_aspect_and_centres() {
        let b = Rect {
            x: 0.0,
            y: 0.0,
            w: 200.0,
            h: 100.0,
        };
        let f = b.fit(100.0, 100.0);
        assert_eq!(
            f,
            Rect {
                x: 50.0,
                y: 0.0,
                w: 100.0,
                h: 100.0
            }
        );
    }
}
