//! QR codes for the survey address of a service, shown on its web page, printed on posters and on queue tickets:
//! as SVG (one path of dark modules on a white field) and as PNG (one bit a pixel), both with the quiet zone the
//! standard asks for; medium error correction, so a creased or smudged print still scans.

use crate::xml::escape;
use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code (ISO/IEC 18004).
const QUIET: usize = 4;

/// The QR code of `text` as an SVG `millimetres` wide when printed, titled `title` (what screen readers say).
/// Refused only for text too long for any QR code.
pub fn svg(text: &str, title: &str, millimetres: u32) -> Result<String, String> {
    let code = encode(text)?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                // A run of dark modules is one rectangle.
                let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
                path.push_str(&format!("M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET));
                x += run;
            } else {
                x += 1;
            }
        }
    }
    let side = width + 2 * QUIET;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{millimetres}mm\" \
         height=\"{millimetres}mm\" shape-rendering=\"crispEdges\" role=\"img\"><title>{}</title>\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        escape(title)
    ))
}

/// The largest PNG module, in pixels: a code of the longest address at this size is still a few megapixels.
pub const MAX_PNG_MODULE: u32 = 40;

/// The QR code of `text` as a black-and-white PNG, each module `module` pixels square (1 to [`MAX_PNG_MODULE`]).
/// Refused only for text too long for any QR code, or a module size outside that range.
pub fn png(text: &str, module: u32) -> Result<Vec<u8>, String> {
    if !(1..=MAX_PNG_MODULE).contains(&module) {
        return Err(format!(
            "ukuran modul kode QR {module} piksel tidak sah: 1–{MAX_PNG_MODULE} piksel"
        ));
    }
    let code = encode(text)?;
    let width = code.width();
    let colors = code.to_colors();
    let module = module as usize;
    let side = (width + 2 * QUIET) * module;
    // One bit a pixel, rows padded to whole bytes; a set bit is white.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xff; row_bytes * side];
    for (y, row) in colors.chunks(width).enumerate() {
        for (x, _) in row.iter().enumerate().filter(|(_, c)| **c == Color::Dark) {
            for py in (y + QUIET) * module..(y + QUIET + 1) * module {
                for px in (x + QUIET) * module..(x + QUIET + 1) * module {
                    pixels[py * row_bytes + px / 8] &= !(0x80 >> (px % 8));
                }
            }
        }
    }
    let side = u32::try_from(side).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, side, side);
    encoder.set_color(::png::ColorType::Grayscale);
    encoder.set_depth(::png::BitDepth::One);
    let written = encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&pixels));
    written.map_err(|e| format!("PNG kode QR gagal ditulis: {e}"))?;
    Ok(out)
}

fn encode(text: &str) -> Result<QrCode, String> {
    QrCode::with_error_correction_level(text, EcLevel::M)
        .map_err(|e| format!("kode QR tidak dapat dibuat untuk '{text}': {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_exactly_the_dark_modules_inside_the_quiet_zone() {
        let text = "https://kinerja.example.go.id/survei/abcdefghjkmn";
        let svg = svg(text, "Survei <KTP>", 40).unwrap();
        assert!(svg.contains("<title>Survei &lt;KTP&gt;</title>"));
        assert!(svg.contains("width=\"40mm\""));
        let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
        let width = code.width();
        let side = width + 2 * QUIET;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        // Paint the path's rectangles, "M{x} {y}h{run}v1h-{run}z", back onto a grid.
        let mut drawn = vec![Color::Light; side * side];
        let d = svg.split(" d=\"").nth(1).unwrap();
        for rect in d.split('M').skip(1) {
            let numbers: Vec<usize> = rect
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let (x, y, run) = (numbers[0], numbers[1], numbers[2]);
            for cell in &mut drawn[y * side + x..y * side + x + run] {
                assert_eq!(*cell, Color::Light, "drawn twice");
                *cell = Color::Dark;
            }
        }
        let expected: Vec<Color> = (0..side * side)
            .map(|i| {
                let (x, y) = (i % side, i / side);
                let inside =
                    (QUIET..QUIET + width).contains(&x) && (QUIET..QUIET + width).contains(&y);
                if inside {
                    code[(x - QUIET, y - QUIET)]
                } else {
                    Color::Light
                }
            })
            .collect();
        assert!(drawn == expected);
    }

    #[test]
    fn the_png_holds_the_modules_at_the_size_asked() {
        let text = "https://kinerja.example.go.id/survei/abcdefghjkmn";
        let module = 7;
        let bytes = png(text, module).unwrap();
        let mut reader = ::png::Decoder::new(std::io::Cursor::new(&bytes))
            .read_info()
            .unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        assert_eq!(
            (frame.color_type, frame.bit_depth),
            (::png::ColorType::Grayscale, ::png::BitDepth::One)
        );
        let code = encode(text).unwrap();
        let side = (code.width() + 2 * QUIET) * module as usize;
        assert_eq!((frame.width as usize, frame.height as usize), (side, side));
        let dark =
            |x: usize, y: usize| pixels[y * frame.line_size + x / 8] & (0x80 >> (x % 8)) == 0;
        // Every pixel is the colour of the module it lies in; outside the code, the quiet zone is light.
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = (x / module as usize, y / module as usize);
                let inside = (QUIET..QUIET + code.width()).contains(&mx)
                    && (QUIET..QUIET + code.width()).contains(&my);
                let expected = inside && code[(mx - QUIET, my - QUIET)] == Color::Dark;
                assert_eq!(dark(x, y), expected, "pixel {x},{y}");
            }
        }
    }

    #[test]
    fn too_long_a_text_is_refused_not_a_panic() {
        assert!(svg(&"x".repeat(5000), "", 40).is_err());
        assert!(png(&"x".repeat(5000), 4).is_err());
        assert!(png("x", 0).is_err());
        assert!(png("x", MAX_PNG_MODULE + 1).is_err());
    }
}
