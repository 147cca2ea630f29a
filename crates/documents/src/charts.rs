//! One SVG chart renderer for the documents and the web pages: bar charts, vertical (series side by side per
//! category) or horizontal (long category names), with an optional reference line (a target, 100%).
//! Labels use the Indonesian number format; text is set in Liberation Sans, which the documents embed.

use crate::xml::escape;
use kinerja_domain::measure::Measurement;
use kinerja_domain::model::Level;
use kinerja_domain::number::format_decimal;
use kinerja_domain::Decimal;
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<Decimal>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Vertical,
    Horizontal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Decimals of the value labels.
    pub decimals: u32,
    /// Suffix of the value labels ("%").
    pub suffix: String,
    /// A line across the chart, e.g. the target or 100%.
    pub reference: Option<(Decimal, String)>,
    pub orientation: Orientation,
}

/// Colours that print well in grey too.
const PALETTE: [&str; 4] = ["#1f4e79", "#c55a11", "#7f7f7f", "#548235"];
const FONT: &str = "Liberation Sans, Arial, sans-serif";

fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// Splits a long label into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line at least");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// The opening of a chart: the SVG element, a white background and the centred title.
pub(crate) fn svg_start(width: f64, height: f64, title: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}">"#
    );
    let _ = write!(
        out,
        r#"<rect width="{width}" height="{height}" fill="white"/>"#
    );
    let _ = write!(
        out,
        r#"<text x="{}" y="22" font-size="14" font-weight="bold" text-anchor="middle">{}</text>"#,
        width / 2.0,
        escape(title)
    );
    out
}

impl BarChart {
    fn max_value(&self) -> f64 {
        let values = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .map(|v| to_f64(*v));
        let reference = self.reference.iter().map(|(v, _)| to_f64(*v));
        values
            .chain(reference)
            .fold(0.0_f64, f64::max)
            .max(f64::MIN_POSITIVE)
            * 1.15
    }

    fn label(&self, v: Decimal) -> String {
        format!("{}{}", format_decimal(v, self.decimals), self.suffix)
    }

    /// The chart as a standalone SVG document.
    pub fn svg(&self) -> String {
        match self.orientation {
            Orientation::Vertical => self.vertical(),
            Orientation::Horizontal => self.horizontal(),
        }
    }

    fn legend(&self, out: &mut String, y: f64) {
        let mut x = 20.0;
        for (i, s) in self.series.iter().enumerate() {
            let _ = write!(
                out,
                r#"<rect x="{x}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>"#,
                y - 9.0,
                PALETTE[i % PALETTE.len()],
                x + 14.0,
                y,
                escape(&s.name)
            );
            x += 24.0 + s.name.chars().count() as f64 * 6.0;
        }
        if let Some((_, name)) = &self.reference {
            let _ = write!(
                out,
                r##"<line x1="{x}" y1="{}" x2="{}" y2="{}" stroke="#c00000" stroke-width="2" stroke-dasharray="5,3"/><text x="{}" y="{y}" font-size="11">{}</text>"##,
                y - 4.0,
                x + 16.0,
                y - 4.0,
                x + 20.0,
                escape(name)
            );
        }
    }

    fn vertical(&self) -> String {
        let (width, height) = (640.0, 360.0);
        let (left, right, top, bottom) = (50.0, 20.0, 40.0, 90.0);
        let plot_w = width - left - right;
        let plot_h = height - top - bottom;
        let max = self.max_value();
        let n = self.categories.len().max(1) as f64;
        let group = plot_w / n;
        let bars = self.series.len().max(1) as f64;
        let bar = (group * 0.7 / bars).min(60.0);
        let mut out = svg_start(width, height, &self.title);
        let _ = write!(
            out,
            r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#404040"/>"##,
            top + plot_h,
            left + plot_w,
            top + plot_h
        );
        for (c, category) in self.categories.iter().enumerate() {
            let gx = left + group * c as f64 + (group - bar * bars) / 2.0;
            for (s, series) in self.series.iter().enumerate() {
                let Some(v) = series.values.get(c).copied().flatten() else {
                    continue;
                };
                let h = to_f64(v) / max * plot_h;
                let x = gx + bar * s as f64;
                let y = top + plot_h - h;
                let _ = write!(
                    out,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}"/>"#,
                    bar - 2.0,
                    PALETTE[s % PALETTE.len()]
                );
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle">{}</text>"#,
                    x + bar / 2.0 - 1.0,
                    y - 3.0,
                    escape(&self.label(v))
                );
            }
            for (l, line) in wrap(category, 18).iter().enumerate() {
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>"#,
                    left + group * (c as f64 + 0.5),
                    top + plot_h + 16.0 + 13.0 * l as f64,
                    escape(line)
                );
            }
        }
        if let Some((v, _)) = &self.reference {
            let y = top + plot_h - to_f64(*v) / max * plot_h;
            let _ = write!(
                out,
                r##"<line x1="{left}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#c00000" stroke-width="2" stroke-dasharray="5,3"/>"##,
                left + plot_w
            );
        }
        self.legend(&mut out, height - 12.0);
        out.push_str("</svg>");
        out
    }

    fn horizontal(&self) -> String {
        // Each row is tall enough for its bars and for the category name wrapped over up to three lines.
        let label_lines = self
            .categories
            .iter()
            .map(|c| wrap(c, 34).len().min(3))
            .max()
            .unwrap_or(1) as f64;
        let row = (16.0 * self.series.len().max(1) as f64).max(12.0 * label_lines) + 14.0;
        let (left, right, top) = (220.0, 90.0, 40.0);
        let width = 640.0;
        let plot_w = width - left - right;
        let height = top + row * self.categories.len() as f64 + 40.0;
        let max = self.max_value();
        let mut out = svg_start(width, height, &self.title);
        for (c, category) in self.categories.iter().enumerate() {
            let y0 = top + row * c as f64;
            for (l, line) in wrap(category, 34).iter().take(3).enumerate() {
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{:.1}" font-size="11" text-anchor="end">{}</text>"#,
                    left - 6.0,
                    y0 + 12.0 + 12.0 * l as f64,
                    escape(line)
                );
            }
            for (s, series) in self.series.iter().enumerate() {
                let Some(v) = series.values.get(c).copied().flatten() else {
                    continue;
                };
                let w = to_f64(v) / max * plot_w;
                let y = y0 + 2.0 + 16.0 * s as f64;
                let _ = write!(
                    out,
                    r#"<rect x="{left}" y="{y:.1}" width="{w:.1}" height="14" fill="{}"/>"#,
                    PALETTE[s % PALETTE.len()]
                );
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" font-size="10">{}</text>"#,
                    left + w + 4.0,
                    y + 11.0,
                    escape(&self.label(v))
                );
            }
        }
        let _ = write!(
            out,
            r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{:.1}" stroke="#404040"/>"##,
            top + row * self.categories.len() as f64
        );
        if let Some((v, _)) = &self.reference {
            let x = left + to_f64(*v) / max * plot_w;
            let _ = write!(
                out,
                r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="#c00000" stroke-width="2" stroke-dasharray="5,3"/>"##,
                top + row * self.categories.len() as f64
            );
        }
        self.legend(&mut out, height - 12.0);
        out.push_str("</svg>");
        out
    }
}

/// Capaian of every program indicator against 100% (the LKjIP's figure, and the unit dashboard's).
pub fn program_capaian(m: &Measurement) -> BarChart {
    let programs: Vec<_> = m
        .activities
        .iter()
        .filter(|a| a.level == Level::Program)
        .flat_map(|a| a.indicators.iter())
        .collect();
    BarChart {
        title: format!("Capaian indikator program {}", m.year),
        categories: programs.iter().map(|i| i.name.clone()).collect(),
        series: vec![Series {
            name: "Capaian".into(),
            values: programs.iter().map(|i| i.capaian).collect(),
        }],
        decimals: 2,
        suffix: "%".into(),
        reference: Some((Decimal::ONE_HUNDRED, "Target 100%".into())),
        orientation: Orientation::Horizontal,
    }
}

/// Pagu and spending per program in millions of rupiah (the LKjIP's figure, and the unit dashboard's).
pub fn program_budget(m: &Measurement) -> BarChart {
    let programs = &m.budget.by_program;
    let millions = |v: Option<Decimal>| v.map(|v| v / Decimal::from(1_000_000));
    BarChart {
        title: "Pagu dan realisasi anggaran per program (juta rupiah)".into(),
        categories: programs.iter().map(|p| p.name.clone()).collect(),
        series: vec![
            Series {
                name: "Pagu".into(),
                values: programs.iter().map(|p| millions(p.money.pagu)).collect(),
            },
            Series {
                name: "Realisasi".into(),
                values: programs
                    .iter()
                    .map(|p| millions(p.money.spending))
                    .collect(),
            },
        ],
        decimals: 1,
        suffix: String::new(),
        reference: None,
        orientation: Orientation::Horizontal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(orientation: Orientation) -> BarChart {
        BarChart {
            title: "Capaian <per> program".into(),
            categories: vec![
                "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota".into(),
                "PATEN".into(),
            ],
            series: vec![Series {
                name: "Capaian".into(),
                values: vec![
                    Some("100".parse().unwrap()),
                    Some("97.7047".parse().unwrap()),
                ],
            }],
            decimals: 2,
            suffix: "%".into(),
            reference: Some((Decimal::ONE_HUNDRED, "Target 100%".into())),
            orientation,
        }
    }

    #[test]
    fn renders_labels_in_indonesian_format_and_escapes_text() {
        for o in [Orientation::Vertical, Orientation::Horizontal] {
            let svg = chart(o).svg();
            assert!(svg.starts_with("<svg"), "{svg}");
            assert!(svg.ends_with("</svg>"));
            assert!(svg.contains("97,70%"));
            assert!(svg.contains("100,00%"));
            assert!(svg.contains("Capaian &lt;per&gt; program"));
            assert!(!svg.contains("<per>"));
            assert!(
                svg.contains("stroke-dasharray"),
                "the reference line is drawn"
            );
        }
    }

    #[test]
    fn missing_values_draw_no_bar() {
        let mut c = chart(Orientation::Vertical);
        c.series[0].values[1] = None;
        let svg = c.svg();
        assert_eq!(
            svg.matches("<rect").count(),
            1 + 1 + 1,
            "background, one bar, legend swatch"
        );
    }

    #[test]
    fn wraps_long_labels() {
        assert_eq!(
            wrap("Program Penunjang Urusan Pemerintahan", 18),
            vec!["Program Penunjang", "Urusan", "Pemerintahan"]
        );
    }
}
