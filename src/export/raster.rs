//! The in-process PDF rasteriser behind the window's preview and `cnscd preview`: PDF bytes, a
//! page and a resolution in, an RGBA image out. It uses `hayro` (pure Rust), so no PC needs
//! poppler or any other program to see a page; the same function previews any PDF, including a
//! signed one or one from another office, not only the documents this program lays out.

use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::font::{FontData, FontQuery, StandardFont};
use hayro::hayro_interpret::util::TransformExt as _;
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings, render_into};

use image::ImageEncoder as _;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};

use crate::error::{Error, Field, Result};
use crate::export::pdf::font;

/// The largest side, in pixels, a page may be rendered at (the rasteriser counts in `u16`; a
/// larger request is refused rather than cut).
const MAX_SIDE: f32 = 16_000.0;

/// One rendered page: `rgba` holds `width × height` pixels, 4 bytes each, not premultiplied,
/// on a white background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels, row by row from the top.
    pub rgba: Vec<u8>,
}

impl Page {
    /// The page as a PNG file's bytes.
    pub fn to_png(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        // Fast compression: a preview page is encoded on every draft, and is still a few tens of KB.
        PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
            .write_image(
                &self.rgba,
                self.width,
                self.height,
                image::ExtendedColorType::Rgba8,
            )
            .map_err(|e| Error::internal(format!("ảnh PNG của trang: {e}")))?;
        Ok(out)
    }
}

/// The size in pixels a page of `points` (1/72 inch) gets at `dpi`: rounded up, as poppler's
/// `pdftoppm` does, so the two renderings of a page can be compared pixel for pixel.
pub fn pixels(points: f32, dpi: f32) -> u32 {
    (points * dpi / 72.0).ceil().max(1.0) as u32
}

/// How many pages the PDF has.
pub fn page_count(pdf: &[u8]) -> Result<usize> {
    Ok(open(pdf)?.pages().len())
}

/// Renders page `page` (1 for the first) of the PDF at `dpi` dots per inch.
pub fn render_page(pdf: &[u8], page: usize, dpi: f32) -> Result<Page> {
    let doc = open(pdf)?;
    let pages = doc.pages();
    let count = pages.len();
    let Some(p) = page.checked_sub(1).and_then(|i| pages.get(i)) else {
        return Err(Error::bad_value(
            Field::Page,
            page.to_string(),
            format!("tệp PDF có {count} trang"),
        ));
    };
    Renderer::new(dpi)?.render(p)
}

/// Renders every page of the PDF at `dpi` (one cache of fonts and glyphs for the whole file).
pub fn render_pages(pdf: &[u8], dpi: f32) -> Result<Vec<Page>> {
    let doc = open(pdf)?;
    let mut r = Renderer::new(dpi)?;
    doc.pages().iter().map(|p| r.render(p)).collect()
}

fn open(pdf: &[u8]) -> Result<Pdf> {
    Pdf::new(pdf.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => {
            Error::Pdf("Tệp PDF có mật khẩu (mã hóa): không xem trước được.".to_string())
        }
        LoadPdfError::Invalid => {
            Error::Pdf("Tệp không phải PDF hoặc đã hỏng: không đọc được trang nào.".to_string())
        }
    })
}

struct Renderer {
    dpi: f32,
    settings: InterpreterSettings,
    ctx: RenderContext,
    resources: Resources,
}

impl Renderer {
    fn new(dpi: f32) -> Result<Renderer> {
        if !(dpi.is_finite() && (10.0..=1200.0).contains(&dpi)) {
            return Err(Error::not_allowed(format!(
                "Độ phân giải {dpi} dpi không hợp lệ: hãy chọn từ 10 đến 1200."
            )));
        }
        Ok(Renderer {
            dpi,
            settings: InterpreterSettings {
                font_resolver: Arc::new(standard_font),
                ..InterpreterSettings::default()
            },
            ctx: RenderContext::new(1, 1),
            resources: Resources::default(),
        })
    }

    fn render(&mut self, page: &hayro::hayro_syntax::page::Page<'_>) -> Result<Page> {
        let (w_pt, h_pt) = page.render_dimensions();
        let (w, h) = (pixels(w_pt, self.dpi), pixels(h_pt, self.dpi));
        if w as f32 > MAX_SIDE || h as f32 > MAX_SIDE {
            return Err(Error::not_allowed(format!(
                "Trang quá lớn để vẽ ở {} dpi ({w} × {h} điểm ảnh).",
                self.dpi
            )));
        }
        // The pixel grid is whole; scale each axis so the page fills it exactly.
        let transform = Affine::scale_non_uniform(
            f64::from(w) / f64::from(w_pt),
            f64::from(h) / f64::from(h_pt),
        ) * page.initial_transform(true).to_kurbo();
        self.ctx.reset_and_resize(w as u16, h as u16);
        // A fresh cache per page: it borrows the page's document, which outlives only this call.
        let cache = RenderCache::new();
        render_into(
            page,
            &cache,
            &self.settings,
            &RenderSettings::default(),
            &mut self.ctx,
            transform,
        );
        self.ctx.flush();
        let mut pixmap = Pixmap::new(w as u16, h as u16);
        self.ctx.render_with(
            &mut pixmap,
            &mut self.resources,
            RasterizerSettings {
                target_init: TargetInit::Clear(WHITE),
                ..Default::default()
            },
        );
        Ok(Page {
            width: w,
            height: h,
            rgba: pixmap.take_rgba8(hayro::vello_cpu::peniko::ImageAlphaType::Alpha),
        })
    }
}

/// The 14 standard PDF fonts (used by a PDF that does not embed its fonts) come from the document
/// font this program already carries: Liberation Serif has the metrics of Times and every
/// Vietnamese letter. Sans and monospaced faces fall back to it too, which keeps text in place
/// with a serif shape; Symbol and ZapfDingbats are not carried.
fn standard_font(query: &FontQuery) -> Option<(FontData, u32)> {
    let (bold, italic) = match query {
        FontQuery::Standard(s) => match s {
            StandardFont::TimesRoman | StandardFont::Helvetica | StandardFont::Courier => {
                (false, false)
            }
            StandardFont::TimesBold | StandardFont::HelveticaBold | StandardFont::CourierBold => {
                (true, false)
            }
            StandardFont::TimesItalic
            | StandardFont::HelveticaOblique
            | StandardFont::CourierOblique => (false, true),
            StandardFont::TimesBoldItalic
            | StandardFont::HelveticaBoldOblique
            | StandardFont::CourierBoldOblique => (true, true),
            StandardFont::Symbol | StandardFont::ZapfDingBats => return None,
        },
        FontQuery::Fallback(f) => (f.is_bold, f.is_italic),
    };
    let bytes: &'static [u8] = match (bold, italic) {
        (false, false) => font::REGULAR,
        (true, false) => font::BOLD,
        (false, true) => font::ITALIC,
        (true, true) => font::BOLD_ITALIC,
    };
    Some((Arc::new(bytes), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up_like_pdftoppm() {
        // A4 portrait at 60 dpi: 595.28 × 841.89 pt.
        assert_eq!(pixels(595.28, 60.0), 497);
        assert_eq!(pixels(841.89, 60.0), 702);
        assert_eq!(pixels(72.0, 72.0), 72);
    }

    #[test]
    fn every_page_renders_at_its_size_and_reads_back_as_png() {
        let doc = crate::export::example::decision(40, false);
        let pdf = crate::export::pdf::render_pdf(&doc).expect("pdf");
        let pages = render_pages(&pdf.bytes, 60.0).expect("render");
        assert_eq!(pages.len(), pdf.pages);
        assert_eq!(page_count(&pdf.bytes).expect("count"), pdf.pages);
        for p in &pages {
            assert_eq!((p.width, p.height), (497, 702));
            let png = image::load_from_memory(&p.to_png().expect("png"))
                .expect("decodes")
                .to_rgba8();
            assert_eq!(png.as_raw(), &p.rgba, "the PNG holds the same pixels");
            let ink = p.rgba.chunks_exact(4).filter(|px| px[0] < 128).count();
            assert!(ink > 500, "text on the page: {ink} dark pixels");
        }
        let last = render_page(&pdf.bytes, pdf.pages, 60.0).expect("last page");
        assert_eq!(&last, pages.last().expect("a page"));
        let e = render_page(&pdf.bytes, pdf.pages + 1, 60.0).expect_err("past the end");
        let said = e.to_string();
        assert!(said.contains(&format!("«{}»", pdf.pages + 1)), "{said}");
        assert!(said.contains(&format!("có {} trang", pdf.pages)), "{said}");
        assert!(
            render_page(&pdf.bytes, 1, 5000.0).is_err(),
            "an absurd resolution"
        );
    }

    #[test]
    fn refusals_are_in_vietnamese() {
        let e = render_page(b"not a pdf", 1, 60.0).expect_err("not a PDF");
        assert!(e.to_string().contains("không phải PDF"), "{e}");
    }
}
