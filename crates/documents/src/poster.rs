//! The survey poster of a service as a one-page PDF (typst, like the other documents): the service and its unit,
//! the QR code of the public survey address, the address to type, and a short invitation.

use crate::{pdf, qr};
use serde::Serialize;

const TEMPLATE: &str = include_str!("poster.typ");

/// The words of the poster, which the web page of the poster shows too.
pub const TITLE: &str = "Survei Kepuasan Masyarakat";
pub const INVITATION: &str =
    "Bagaimana pelayanan kami hari ini? Berikan penilaian Anda: tanpa akun dan tanpa nama, sekitar tiga menit.";
pub const SCAN: &str = "Pindai kode QR dengan kamera ponsel, atau buka alamat ini:";
pub const THANKS: &str =
    "Penilaian dan saran Anda dipakai untuk memperbaiki pelayanan. Terima kasih.";

/// What the poster says; `qr` is the SVG of the address.
#[derive(Serialize)]
struct Poster<'a> {
    title: &'a str,
    service: &'a str,
    unit: &'a str,
    address: &'a str,
    invitation: &'a str,
    scan: &'a str,
    thanks: &'a str,
    qr: String,
}

/// The poster of the service `service` of `unit`, whose survey is at `address`.
pub fn survey_poster(service: &str, unit: &str, address: &str) -> Result<Vec<u8>, String> {
    let poster = Poster {
        title: TITLE,
        service,
        unit,
        address,
        invitation: INVITATION,
        scan: SCAN,
        thanks: THANKS,
        qr: qr::svg(address, &format!("Kode QR survei {service}"), 110)?,
    };
    pdf::render_with(TEMPLATE, &poster)
}
