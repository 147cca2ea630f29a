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
    fn draws_every_dark_module_once_inside_the_quiet_zone() {
        let text = "https://kinerja.example.go.id/survei/abcdefghjkmn";
        let svg = svg(text, "Survei <KTP>", 40).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<title>Survei &lt;KTP&gt;</title>"));
        assert!(svg.contains("width=\"40mm\""));
        let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        let d = svg.split(" d=\"").nth(1).unwrap();
        // Each rectangle is "M{x} {y}h{run}v1h-{run}z".
        let drawn: usize = d
            .split('M')
            .skip(1)
            .map(|s| {
                s.split(['h', 'v'])
                    .nth(1)
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            })
            .sum();
        assert_eq!(drawn, dark);
        let side = code.width() + 2 * QUIET;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        assert!(
            d.starts_with(&format!("M{QUIET} {QUIET}")),
            "the finder pattern's corner"
        );
    }

    #[test]
    fn too_long_a_text_is_refused_not_a_panic() {
        assert!(svg(&"x".repeat(5000), "", 40).is_err());
    }
}
