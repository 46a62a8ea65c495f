//! The document font: Liberation Serif (metric-compatible with Times New Roman, full Vietnamese
//! coverage) in its four styles, parsed once per process and shared by every rendering, with the
//! glyph advances the line breaker measures text by.

use std::sync::LazyLock;

use printpdf::ParsedFont;

pub(crate) const REGULAR: &[u8] =
    include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf");
pub(crate) const ITALIC: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf");
pub(crate) const BOLD_ITALIC: &[u8] =
    include_bytes!("../../../assets/fonts/LiberationSerif-BoldItalic.ttf");

/// The four faces of the document font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Upright.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Style {
    /// The face for a bold/italic pair.
    pub fn of(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }

    /// Index into [`FONTS`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// All faces in index order.
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];
}

/// Codepoints below this have their advance precomputed (Latin, Vietnamese, punctuation);
/// the rest are looked up in the cmap when met.
const TABLE: usize = 0x2100;

/// One parsed face and its advance table (in thousandths of an em).
pub struct Face {
    /// The parsed font, handed to printpdf for embedding and subsetting.
    pub parsed: ParsedFont,
    advances: Vec<f32>,
    units_per_em: f32,
    /// Ascender in em.
    pub ascent: f32,
}

impl Face {
    fn load(bytes: &[u8]) -> Face {
        let mut warnings = Vec::new();
        // The fonts are compiled in and known good; a failure here is a broken build.
        #[allow(
            clippy::expect_used,
            reason = "the embedded font is part of the binary"
        )]
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("embedded font parses");
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        let ascent = parsed.font_metrics.ascent / units_per_em;
        let mut face = Face {
            parsed,
            advances: Vec::new(),
            units_per_em,
            ascent,
        };
        face.advances = (0..TABLE as u32)
            .map(|cp| face.lookup(char::from_u32(cp).unwrap_or('\u{FFFD}')))
            .collect();
        face
    }

    fn lookup(&self, c: char) -> f32 {
        let gid = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(self.parsed.get_horizontal_advance(gid)) * 1000.0 / self.units_per_em
    }

    /// Advance of one character in thousandths of an em.
    pub fn advance(&self, c: char) -> f32 {
        match self.advances.get(c as usize) {
            Some(a) => *a,
            None => self.lookup(c),
        }
    }

    /// Width of `text` at `size` points, in points: the sum of the glyph advances (printpdf
    /// applies no kerning, so this is exactly what the page shows).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size / 1000.0
    }
}

/// The four faces, indexed by [`Style::index`]. Parsed on first use only: rendering many
/// documents never parses a font twice.
pub static FONTS: LazyLock<[Face; 4]> = LazyLock::new(|| {
    [
        Face::load(REGULAR),
        Face::load(BOLD),
        Face::load(ITALIC),
        Face::load(BOLD_ITALIC),
    ]
});

/// The face of a style.
pub fn face(style: Style) -> &'static Face {
    &FONTS[style.index()]
}

/// Width of `text` in `style` at `size` points.
pub fn width(text: &str, style: Style, size: f32) -> f32 {
    face(style).width(text, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tieu_ngu_width_matches_times_metrics() {
        // nd30-format.md §5 measured the Tiêu ngữ bold 13 pt at 56.1 mm.
        let w = width("Độc lập - Tự do - Hạnh phúc", Style::Bold, 13.0) * 25.4 / 72.0;
        assert!((w - 56.1).abs() < 0.3, "{w}");
        let q = width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style::Bold, 12.0) * 25.4 / 72.0;
        assert!((q - 88.3).abs() < 0.3, "{q}");
    }
}
