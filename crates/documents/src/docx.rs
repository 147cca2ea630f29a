//! DOCX through docx-rs, for editing in Word and LibreOffice: A4, real Word styles (Heading1–3 with outline levels,
//! so the navigation pane and the table of contents work), real tables whose header rows repeat on each page, a
//! running header and page numbers, contents / tables / figures lists as TOC fields (filled in advance from the
//! document, updated by Word on opening), and figures rasterised from their SVG.

use crate::model::{Align, Block, Cover, Document, Figure, Signature, Table};
use crate::tabular::{self, Line};
use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, Header,
    HeightRule, Hyperlink, HyperlinkType, IndentLevel, InstrPAGEREF, InstrText, Level, LevelJc,
    LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders,
    ParagraphProperty, Pic, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start, Style,
    StyleType, Tab, TabLeaderType, TabValueType, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// A4 in twips, with the margins of the PDF (2,5 cm top and left, 2 cm right, 2,2 cm bottom).
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN_LEFT: u32 = 1417;
const MARGIN_RIGHT: u32 = 1134;
const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// The tallest a figure may stand, in twips (20 cm), so a diagram never overflows a page.
const FIGURE_MAX_HEIGHT: u32 = 11340;
const EMU_PER_TWIP: u32 = 635;
/// Figures are rasterised at twice their SVG size, for print.
const RASTER_SCALE: f32 = 2.0;
/// Arial: Word has it everywhere; LibreOffice shows Liberation Sans, metrically the same, the font of the PDF.
const FONT: &str = "Arial";
const TABLE_BORDER: &str = "787878";
const HEADER_FILL: &str = "E1E1E1";
/// docx-rs cannot mark a repeating header row: such rows carry this height, replaced by `<w:tblHeader/>` once the
/// XML is built.
const HEADER_ROW_MARK: f32 = 1.5;
const HEADER_ROW_MARK_XML: &str = r#"<w:trHeight w:val="1.5" w:hRule="atLeast" />"#;

/// Renders a document to DOCX bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    let mut writer = Writer::new(document);
    for (index, block) in document.blocks.iter().enumerate() {
        writer.block(index, block)?;
    }
    writer.finish()
}

/// An entry of the contents or of a list of tables or figures: where it points and what it says.
struct Entry {
    level: u8,
    text: String,
    bookmark: String,
}

/// The bookmark of the heading, caption or figure of a block: the entries of the lists point at it.
fn bookmark(index: usize) -> String {
    format!("_Toc{index:06}")
}

/// The entries of the contents, the list of tables and the list of figures, in document order.
fn entries(document: &Document) -> [Vec<Entry>; 3] {
    let mut lists: [Vec<Entry>; 3] = Default::default();
    for (index, block) in document.blocks.iter().enumerate() {
        let (list, level, text) = match block {
            Block::Heading { level, text } => (0, (*level).clamp(1, 3), text.clone()),
            Block::Table(t) => (1, 1, tabular::caption(&t.number, &t.title)),
            Block::Figure(f) => (2, 1, tabular::caption(&f.number, &f.title)),
            _ => continue,
        };
        lists[list].push(Entry {
            level,
            text,
            bookmark: bookmark(index),
        });
    }
    lists
}

struct Writer {
    docx: Docx,
    title: String,
    lists: [Vec<Entry>; 3],
    /// A page break is due before the next block (after the cover or a page break); a level-1 heading makes one
    /// by its style.
    page_break: bool,
    /// The last thing added was a table (Word needs a paragraph between two tables and at the end).
    after_table: bool,
    numberings: usize,
}

impl Writer {
    fn new(document: &Document) -> Writer {
        let header = Header::new().add_paragraph(
            Paragraph::new()
                .style("Header")
                .add_run(text_run(&document.header)),
        );
        let footer = Footer::new().add_paragraph(
            Paragraph::new()
                .style("Footer")
                .add_page_num(PageNum::new()),
        );
        let mut docx = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(1417)
                    .bottom(1247)
                    .left(MARGIN_LEFT as i32)
                    .right(MARGIN_RIGHT as i32)
                    .header(709)
                    .footer(567)
                    .gutter(0),
            )
            .default_fonts(
                RunFonts::new()
                    .ascii(FONT)
                    .hi_ansi(FONT)
                    .cs(FONT)
                    .east_asia(FONT),
            )
            .default_size(21)
            .header(header)
            .footer(footer)
            // As in the PDF, the first page (the cover) has neither header nor page number.
            .first_header(Header::new().add_paragraph(Paragraph::new()))
            .first_footer(Footer::new().add_paragraph(Paragraph::new()))
            .title_pg();
        for style in styles() {
            docx = docx.add_style(style);
        }
        Writer {
            docx,
            title: document.title.clone(),
            lists: entries(document),
            page_break: false,
            after_table: false,
            numberings: 0,
        }
    }

    fn paragraph(&mut self, mut p: Paragraph) {
        if std::mem::take(&mut self.page_break) {
            p = p.page_break_before(true);
        }
        self.after_table = false;
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn table(&mut self, t: docx_rs::Table) {
        if self.page_break || self.after_table {
            self.paragraph(Paragraph::new().style("TableText"));
        }
        self.docx = std::mem::take(&mut self.docx).add_table(t);
        self.after_table = true;
    }

    fn block(&mut self, index: usize, block: &Block) -> Result<(), String> {
        match block {
            Block::Cover(cover) => self.cover(cover),
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 3);
                if level == 1 {
                    // The style starts the page.
                    self.page_break = false;
                }
                self.paragraph(bookmarked(
                    Paragraph::new().style(&format!("Heading{level}")),
                    index,
                    text_run(text),
                ));
            }
            Block::Paragraph { text } => {
                self.paragraph(Paragraph::new().style("BodyText").add_run(text_run(text)))
            }
            Block::Note { text } => {
                self.paragraph(Paragraph::new().style("Note").add_run(text_run(text)))
            }
            Block::List { ordered, items } => self.list(*ordered, items),
            Block::Table(t) => self.data_table(index, t),
            Block::Figure(f) => self.figure(index, f)?,
            Block::Contents => self.field_list("Daftar Isi", r#"TOC \o "1-3" \h \z \u"#, 0),
            Block::ListOfTables => {
                self.field_list("Daftar Tabel", r#"TOC \h \z \t "Table Caption,1""#, 1)
            }
            Block::ListOfFigures => {
                self.field_list("Daftar Gambar", r#"TOC \h \z \t "Figure Caption,1""#, 2)
            }
            Block::Signatures { signatures } => self.signatures(signatures),
            Block::PageBreak => self.page_break = true,
        }
        Ok(())
    }

    fn cover(&mut self, cover: &Cover) {
        let line = |text: &str, size: usize, before: u32| {
            Paragraph::new()
                .style("Cover")
                .line_spacing(LineSpacing::new().before(before).after(0))
                .add_run(text_run(text).bold().size(size))
        };
        for (i, text) in cover.organisation.iter().enumerate() {
            self.paragraph(line(text, 30, if i == 0 { 1134 } else { 0 }));
        }
        for (i, text) in cover.title.iter().enumerate() {
            self.paragraph(line(text, 40, if i == 0 { 2268 } else { 0 }));
        }
        self.paragraph(line(&format!("TAHUN {}", cover.year), 36, 567));
        self.page_break = true;
    }

    fn list(&mut self, ordered: bool, items: &[String]) {
        // Each list has its own numbering, so an ordered list starts again at 1.
        self.numberings += 1;
        let id = self.numberings;
        let (format, text) = if ordered {
            ("decimal", "%1.")
        } else {
            ("bullet", "•")
        };
        let level = Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None);
        self.docx = std::mem::take(&mut self.docx)
            .add_abstract_numbering(AbstractNumbering::new(id).add_level(level))
            .add_numbering(Numbering::new(id, id));
        for (i, item) in items.iter().enumerate() {
            let mut p = Paragraph::new()
                .style("ListParagraph")
                .numbering(NumberingId::new(id), IndentLevel::new(0))
                .add_run(text_run(item));
            if i + 1 == items.len() {
                // The list ends with the space of a paragraph.
                p = p.line_spacing(LineSpacing::new().after(180));
            }
            self.paragraph(p);
        }
    }

    fn data_table(&mut self, index: usize, t: &Table) {
        self.paragraph(bookmarked(
            Paragraph::new().style("TableCaption"),
            index,
            text_run(&tabular::caption(&t.number, &t.title)),
        ));
        let widths = tabular::shares(
            &t.columns.iter().map(|c| c.width).collect::<Vec<_>>(),
            TEXT_WIDTH,
        );
        let rows = tabular::lines(t)
            .into_iter()
            .map(|(line, cells)| {
                let cells = cells
                    .iter()
                    .zip(&widths)
                    .map(|(cell, width)| {
                        let mut run = text_run(cell.text);
                        if line.bold() {
                            run = run.bold();
                        }
                        let mut c = TableCell::new()
                            .add_paragraph(
                                Paragraph::new()
                                    .style("TableText")
                                    .align(alignment(cell.align))
                                    .add_run(run),
                            )
                            .width(*width as usize, WidthType::Dxa)
                            .vertical_align(VAlignType::Center);
                        if line == Line::Header {
                            c = c.shading(
                                Shading::new()
                                    .shd_type(ShdType::Clear)
                                    .color("auto")
                                    .fill(HEADER_FILL),
                            );
                        }
                        c
                    })
                    .collect();
                let row = TableRow::new(cells);
                if line == Line::Header {
                    row.row_height(HEADER_ROW_MARK)
                        .height_rule(HeightRule::AtLeast)
                        .cant_split()
                } else {
                    row
                }
            })
            .collect();
        let border = |position| {
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(4)
                .color(TABLE_BORDER)
        };
        let borders = [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ]
        .into_iter()
        .fold(TableBorders::new(), |b, p| b.set(border(p)));
        self.table(
            docx_rs::Table::new(rows)
                .set_grid(widths.iter().map(|w| *w as usize).collect())
                .layout(TableLayoutType::Fixed)
                .width(TEXT_WIDTH as usize, WidthType::Dxa)
                .margins(TableCellMargins::new().margin(40, 80, 40, 80))
                .set_borders(borders),
        );
        match &t.note {
            Some(note) => {
                self.paragraph(Paragraph::new().style("TableNote").add_run(text_run(note)))
            }
            None => self.paragraph(Paragraph::new().style("AfterTable")),
        }
    }

    fn figure(&mut self, index: usize, f: &Figure) -> Result<(), String> {
        let (png, width_px, height_px) =
            rasterise(&f.svg).map_err(|e| format!("{} tidak dapat digambar: {e}", f.number))?;
        // Full text width, as in the PDF, unless that makes it taller than the page allows.
        let mut width = TEXT_WIDTH;
        let mut height =
            (u64::from(width) * u64::from(height_px) / u64::from(width_px.max(1))) as u32;
        if height > FIGURE_MAX_HEIGHT {
            width = (u64::from(width) * u64::from(FIGURE_MAX_HEIGHT) / u64::from(height)) as u32;
            height = FIGURE_MAX_HEIGHT;
        }
        let pic = Pic::new_with_dimensions(png, width_px, height_px)
            .size(width * EMU_PER_TWIP, height * EMU_PER_TWIP);
        self.paragraph(
            Paragraph::new()
                .style("FigureImage")
                .add_run(Run::new().add_image(pic)),
        );
        self.paragraph(bookmarked(
            Paragraph::new().style("FigureCaption"),
            index,
            text_run(&tabular::caption(&f.number, &f.title)),
        ));
        Ok(())
    }

    /// A title and a TOC field holding its entries: each a link to its bookmark with a PAGEREF for the page,
    /// which LibreOffice computes and Word refreshes with the whole field when it opens the document.
    fn field_list(&mut self, title: &str, instruction: &str, list: usize) {
        self.page_break = false;
        self.paragraph(
            Paragraph::new()
                .style("TOCHeading")
                .add_run(text_run(title)),
        );
        let begin = Run::new()
            .add_field_char(FieldCharType::Begin, true)
            .add_instr_text(InstrText::Unsupported(instruction.to_string()))
            .add_field_char(FieldCharType::Separate, false);
        let end = Run::new().add_field_char(FieldCharType::End, false);
        let entries = std::mem::take(&mut self.lists[list]);
        if entries.is_empty() {
            self.paragraph(Paragraph::new().style("TOC1").add_run(begin).add_run(end));
            return;
        }
        let last = entries.len() - 1;
        for (i, entry) in entries.iter().enumerate() {
            let mut p = Paragraph::new().style(&format!("TOC{}", entry.level));
            if i == 0 {
                p = p.add_run(begin.clone());
            }
            let page = Run::new()
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGEREF(
                    InstrPAGEREF::new(&entry.bookmark).hyperlink(),
                ))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("")
                .add_field_char(FieldCharType::End, false);
            p = p.add_hyperlink(
                Hyperlink::new(&entry.bookmark, HyperlinkType::Anchor)
                    .add_run(text_run(&entry.text))
                    .add_run(Run::new().add_tab())
                    .add_run(page),
            );
            if i == last {
                p = p.add_run(end.clone());
            }
            self.paragraph(p);
        }
        self.lists[list] = entries;
    }

    /// Signatures side by side in a borderless table; a single one stands at the right, as in the PDF. The
    /// place, date and position sit in a first row, aligned at its foot, the names in a second, so the names of
    /// both parties stand on one line.
    fn signatures(&mut self, signatures: &[Signature]) {
        self.paragraph(Paragraph::new().style("BodyText").keep_next(true));
        let (slots, widths): (Vec<Option<&Signature>>, Vec<u32>) = if signatures.len() == 1 {
            (
                vec![None, signatures.first()],
                tabular::shares(&[52, 48], TEXT_WIDTH),
            )
        } else {
            (
                signatures.iter().map(Some).collect(),
                tabular::shares(&vec![1; signatures.len()], TEXT_WIDTH),
            )
        };
        let row = |part: fn(&Signature) -> Vec<Paragraph>, align: VAlignType| {
            let cells = slots
                .iter()
                .zip(&widths)
                .map(|(slot, width)| {
                    let paragraphs = slot.map(part).unwrap_or_default();
                    let cell = TableCell::new()
                        .width(*width as usize, WidthType::Dxa)
                        .vertical_align(align);
                    if paragraphs.is_empty() {
                        cell.add_paragraph(Paragraph::new().style("Signature"))
                    } else {
                        paragraphs.into_iter().fold(cell, |c, p| c.add_paragraph(p))
                    }
                })
                .collect();
            TableRow::new(cells).cant_split()
        };
        let rows = vec![
            row(signature_heads, VAlignType::Bottom),
            row(signature_names, VAlignType::Top),
        ];
        self.table(
            docx_rs::Table::without_borders(rows)
                .set_grid(widths.iter().map(|w| *w as usize).collect())
                .layout(TableLayoutType::Fixed)
                .width(TEXT_WIDTH as usize, WidthType::Dxa),
        );
    }

    fn finish(mut self) -> Result<Vec<u8>, String> {
        if self.after_table {
            self.paragraph(Paragraph::new());
        }
        let mut xml = self.docx.build();
        let utf8 = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|e| e.to_string());
        xml.document = utf8(xml.document)?
            .replace(HEADER_ROW_MARK_XML, "<w:tblHeader />")
            .into_bytes();
        // Word refreshes the fields (the contents, the lists, the page references) when it opens the document.
        xml.settings = utf8(xml.settings)?
            .replacen(
                "<w:compat>",
                r#"<w:updateFields w:val="true" /><w:compat>"#,
                1,
            )
            .into_bytes();
        xml.doc_props.core = utf8(xml.doc_props.core)?
            .replace(
                "<dc:creator>unknown</dc:creator>",
                &format!(
                    "<dc:title>{}</dc:title><dc:creator>kinerja</dc:creator>",
                    crate::xml::escape(&self.title)
                ),
            )
            .replace("<cp:lastModifiedBy>unknown", "<cp:lastModifiedBy>kinerja")
            .into_bytes();
        let mut out = std::io::Cursor::new(Vec::new());
        xml.pack(&mut out)
            .map_err(|e| format!("penulisan DOCX gagal: {e}"))?;
        Ok(out.into_inner())
    }
}

fn signature_paragraph() -> Paragraph {
    Paragraph::new().style("Signature")
}

/// Place and date, and the position, kept with the name below.
fn signature_heads(s: &Signature) -> Vec<Paragraph> {
    vec![
        signature_paragraph()
            .keep_next(true)
            .add_run(text_run(&s.place_date)),
        signature_paragraph()
            .keep_next(true)
            .add_run(text_run(&s.position).bold()),
    ]
}

/// The name under the room for the signature and the stamp (2,2 cm, as in the PDF), rank and NIP.
fn signature_names(s: &Signature) -> Vec<Paragraph> {
    let mut out = vec![signature_paragraph()
        .line_spacing(LineSpacing::new().before(1247))
        .add_run(text_run(&s.name).bold().underline("single"))];
    if let Some(rank) = &s.rank {
        out.push(signature_paragraph().add_run(text_run(rank)));
    }
    if let Some(nip) = &s.nip {
        out.push(signature_paragraph().add_run(text_run(&format!("NIP. {nip}"))));
    }
    out
}

/// A run of text; line breaks in the text become line breaks in the run. Every text of the document goes
/// through here, so that none holds a character XML does not allow.
fn text_run(text: &str) -> Run {
    text.split('\n')
        .enumerate()
        .fold(Run::new(), |run, (i, line)| {
            let run = if i > 0 {
                run.add_break(BreakType::TextWrapping)
            } else {
                run
            };
            run.add_text(crate::xml::allowed(line))
        })
}

/// A paragraph holding a run inside the bookmark of block `index`, which the contents and lists point at.
fn bookmarked(p: Paragraph, index: usize, run: Run) -> Paragraph {
    p.add_bookmark_start(index, bookmark(index))
        .add_run(run)
        .add_bookmark_end(index)
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Right => AlignmentType::Right,
        Align::Center => AlignmentType::Center,
    }
}

/// The fonts of the documents, loaded once, for the text of the figures.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            for data in crate::pdf::font_data() {
                db.load_font_data(data.to_vec());
            }
            db.set_sans_serif_family("Liberation Sans");
            Arc::new(db)
        })
        .clone()
}

/// An SVG as a PNG at twice its size, on white; returns the PNG and its size in pixels.
fn rasterise(svg: &str) -> Result<(Vec<u8>, u32, u32), String> {
    let options = usvg::Options {
        font_family: "Liberation Sans".to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(RASTER_SCALE)
        .ok_or("ukuran gambar tidak sah")?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("ukuran gambar tidak sah")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(RASTER_SCALE, RASTER_SCALE),
        &mut pixmap.as_mut(),
    );
    let png = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok((png, size.width(), size.height()))
}

/// A style with its paragraph properties changed beyond what `Style` offers.
fn with_paragraph(
    mut style: Style,
    change: impl FnOnce(ParagraphProperty) -> ParagraphProperty,
) -> Style {
    style.paragraph_property = change(style.paragraph_property);
    style
}

/// The paragraph styles; the headings are Word's built-in "heading 1–3" with outline levels.
fn styles() -> Vec<Style> {
    let spacing = |before: u32, after: u32| {
        LineSpacing::new()
            .before(before)
            .after(after)
            .line(240)
            .line_rule(LineSpacingType::Auto)
    };
    let paragraph = |id: &str, name: &str, size: usize, before: u32, after: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("BodyText")
            .size(size)
            .line_spacing(spacing(before, after))
    };
    // Bold and centred: titles and captions.
    let title = |id: &str, name: &str, size: usize, before: u32, after: u32| {
        paragraph(id, name, size, before, after)
            .bold()
            .align(AlignmentType::Center)
    };
    let heading = |level: usize, size: usize, before: u32, after: u32| {
        let style = paragraph(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            size,
            before,
            after,
        )
        .bold()
        .outline_lvl(level - 1);
        with_paragraph(style, |p| p.keep_next(true).keep_lines(true))
    };
    let toc =
        |level: usize| {
            let style = paragraph(&format!("TOC{level}"), &format!("toc {level}"), 21, 0, 60)
                .indent(Some(((level - 1) * 240) as i32), None, None, None);
            with_paragraph(style, |p| {
                p.add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(TEXT_WIDTH as usize),
                )
            })
        };
    let shading = |fill: &str| {
        Shading::new()
            .shd_type(ShdType::Clear)
            .color("auto")
            .fill(fill)
    };
    let bottom_rule = ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(4)
            .space(1)
            .color("969696"),
    );
    vec![
        paragraph("BodyText", "Body Text", 21, 0, 180)
            .align(AlignmentType::Both)
            .line_spacing(spacing(0, 180).line(264)),
        with_paragraph(heading(1, 26, 0, 360).align(AlignmentType::Center), |p| {
            p.page_break_before(true)
        }),
        heading(2, 23, 240, 120),
        heading(3, 21, 180, 100),
        with_paragraph(title("TOCHeading", "TOC Heading", 26, 0, 360), |p| {
            p.page_break_before(true)
        }),
        toc(1),
        toc(2),
        toc(3),
        with_paragraph(paragraph("Note", "Note", 18, 60, 180).italic(), |p| {
            p.shading(shading("F2F2F2"))
        }),
        paragraph("ListParagraph", "List Paragraph", 21, 0, 80)
            .align(AlignmentType::Both)
            .line_spacing(spacing(0, 80).line(264)),
        with_paragraph(title("TableCaption", "Table Caption", 20, 240, 100), |p| {
            p.keep_next(true)
        }),
        paragraph("TableText", "Table Text", 17, 0, 0),
        paragraph("TableNote", "Table Note", 16, 60, 180).italic(),
        paragraph("AfterTable", "After Table", 8, 0, 120),
        with_paragraph(
            paragraph("FigureImage", "Figure", 21, 240, 60).align(AlignmentType::Center),
            |p| p.keep_next(true),
        ),
        title("FigureCaption", "Figure Caption", 20, 0, 240),
        paragraph("Signature", "Signature", 21, 0, 0).align(AlignmentType::Center),
        paragraph("Cover", "Cover", 21, 0, 0).align(AlignmentType::Center),
        with_paragraph(
            paragraph("Header", "header", 16, 0, 0).color("5A5A5A"),
            |p| p.set_borders(bottom_rule),
        ),
        paragraph("Footer", "footer", 18, 0, 0).align(AlignmentType::Center),
    ]
}
