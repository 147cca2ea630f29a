fn main() {
    let t = std::time::Instant::now();
    let data = kinerja_interchange::load(std::path::Path::new("data/ngoro")).unwrap();
    let doc = kinerja_documents::lkjip(&data, "ngoro", 2024).unwrap();
    eprintln!("load+build {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let d = kinerja_documents::docx::render(&doc).unwrap();
    eprintln!("docx {:?} {} bytes", t.elapsed(), d.len());
    let t = std::time::Instant::now();
    let x = kinerja_documents::xlsx::render(&doc).unwrap();
    eprintln!("xlsx {:?} {} bytes", t.elapsed(), x.len());
}
