//! The two figures of BAB I drawn from the data: the organisation chart and the cascade (pohon kinerja).

use crate::charts::svg_start;
use crate::xml::escape;
use kinerja_domain::model::{Dataset, Level};
use std::fmt::Write;

/// A node of a tree drawn as indented boxes joined by connectors.
struct Node {
    label: String,
    kind: String,
    depth: usize,
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// Draws a tree as indented boxes, one row each, with elbow connectors to the parent.
fn tree(title: &str, nodes: &[Node]) -> String {
    let row = 30.0;
    let indent = 28.0;
    let width = 640.0;
    let height = 50.0 + row * nodes.len() as f64 + 10.0;
    let mut out = svg_start(width, height, title);
    let fills = ["#1f4e79", "#2e75b6", "#9dc3e6", "#deebf7", "#f2f2f2"];
    let mut last_at_depth: Vec<f64> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let y = 40.0 + row * i as f64;
        let x = 10.0 + indent * n.depth as f64;
        if n.depth > 0 {
            if let Some(parent_y) = last_at_depth.get(n.depth - 1) {
                let px = 10.0 + indent * (n.depth - 1) as f64 + 12.0;
                let _ = write!(
                    out,
                    r##"<path d="M{px} {:.1} V{:.1} H{x}" fill="none" stroke="#808080"/>"##,
                    parent_y + 22.0,
                    y + 11.0
                );
            }
        }
        last_at_depth.truncate(n.depth);
        last_at_depth.push(y);
        let fill = fills[n.depth.min(fills.len() - 1)];
        let ink = if n.depth < 2 { "white" } else { "black" };
        let w = width - x - 10.0;
        let max_chars = ((w - 16.0) / 5.6) as usize;
        let _ = write!(
            out,
            r##"<rect x="{x}" y="{y}" width="{w}" height="22" rx="3" fill="{fill}" stroke="#404040" stroke-width="0.5"/>"##
        );
        let label = truncate(&format!("{}: {}", n.kind, n.label), max_chars);
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="10.5" fill="{ink}">{}</text>"#,
            x + 6.0,
            y + 15.0,
            escape(&label)
        );
    }
    out.push_str("</svg>");
    out
}

/// The unit and its sub-units, from the organisation tree.
pub fn org_chart(data: &Dataset, unit: &str) -> String {
    fn walk(data: &Dataset, code: &str, depth: usize, out: &mut Vec<Node>) {
        if let Some(u) = data.unit(code) {
            let kind = u.kind.replace('_', " ");
            out.push(Node {
                label: u.name.clone(),
                kind: capitalise(&kind),
                depth,
            });
            for child in data
                .units
                .iter()
                .filter(|c| c.parent.as_deref() == Some(code))
            {
                walk(data, &child.code, depth + 1, out);
            }
        }
    }
    let mut nodes = Vec::new();
    walk(data, unit, 0, &mut nodes);
    let title = data
        .unit(unit)
        .map(|u| format!("Struktur Organisasi {}", u.name))
        .unwrap_or_default();
    tree(&title, &nodes)
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Tujuan → sasaran (with IKU) → program → kegiatan → sub kegiatan, each with its indicators.
pub fn cascade(data: &Dataset, unit: &str) -> String {
    let indicators = |level: Level, owner: &str| -> String {
        let names: Vec<String> = data
            .indicators
            .iter()
            .filter(|i| i.level == level && i.owner == owner)
            .map(|i| i.name.clone())
            .collect();
        if names.is_empty() {
            String::new()
        } else {
            format!(" — {}", names.join("; "))
        }
    };
    let mut nodes = Vec::new();
    for r in data.renstra.iter().filter(|r| r.unit == unit) {
        for t in data.tujuan.iter().filter(|t| t.renstra == r.id) {
            nodes.push(Node {
                label: format!("{}{}", t.text, indicators(Level::Tujuan, &t.id)),
                kind: "Tujuan".into(),
                depth: 0,
            });
            for s in data.sasaran.iter().filter(|s| s.tujuan == t.id) {
                nodes.push(Node {
                    label: format!("{}{}", s.text, indicators(Level::Sasaran, &s.id)),
                    kind: "Sasaran".into(),
                    depth: 1,
                });
                for p in data
                    .program
                    .iter()
                    .filter(|p| p.sasaran == s.id && p.unit == unit)
                {
                    nodes.push(Node {
                        label: format!("{}{}", p.name, indicators(Level::Program, &p.id)),
                        kind: "Program".into(),
                        depth: 2,
                    });
                    for k in data.kegiatan.iter().filter(|k| k.program == p.id) {
                        nodes.push(Node {
                            label: format!("{}{}", k.name, indicators(Level::Kegiatan, &k.id)),
                            kind: "Kegiatan".into(),
                            depth: 3,
                        });
                        for sk in data.sub_kegiatan.iter().filter(|x| x.kegiatan == k.id) {
                            nodes.push(Node {
                                label: format!(
                                    "{}{}",
                                    sk.name,
                                    indicators(Level::SubKegiatan, &sk.id)
                                ),
                                kind: "Sub kegiatan".into(),
                                depth: 4,
                            });
                        }
                    }
                }
            }
        }
    }
    let title = data
        .unit(unit)
        .map(|u| format!("Pohon Kinerja {}", u.name))
        .unwrap_or_default();
    tree(&title, &nodes)
}
