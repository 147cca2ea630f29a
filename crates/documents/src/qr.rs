//! QR codes as SVG, for the survey address of a service: shown on its web page, printed on posters and on queue
//! tickets. One path of dark modules on a white field with the quiet zone the standard asks for; medium error
//! correction, so a creased or smudged print still scans.

use crate::xml::escape;
use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code (ISO/IEC 18004).
const QUIET: usize = 4;

/// The QR code of `text` as an SVG `millimetres` wide when printed, titled `title` (what screen readers say).
/// Refused only for text too long for any QR code.
pub fn svg(text: &str, title: &str, millimetres: u32) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M)
        .map_err(|e| format!("kode QR tidak dapat dibuat untuk '{text}': {e}"))?;
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
    fn too_long_a_text_is_refused_not_a_panic() {
        assert!(svg(&"x".repeat(5000), "", 40).is_err());
    }
}
