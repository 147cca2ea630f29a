//! Progress of long work on the terminal: a bar when stderr is a terminal, a line per tenth otherwise.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

pub struct Progress {
    label: &'static str,
    tty: bool,
    last: Mutex<usize>,
}

impl Progress {
    pub fn new(label: &'static str) -> Progress {
        Progress {
            label,
            tty: std::io::stderr().is_terminal(),
            last: Mutex::new(usize::MAX),
        }
    }

    pub fn update(&self, done: usize, total: usize) {
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        let step = if self.tty { percent } else { percent / 10 * 10 };
        if *last == step && done != total {
            return;
        }
        *last = step;
        let mut err = std::io::stderr().lock();
        if self.tty {
            let filled = percent / 4;
            let _ = write!(
                err,
                "\r{} [{}{}] {percent:>3}% ({done}/{total} baris)",
                self.label,
                "#".repeat(filled),
                ".".repeat(25 - filled)
            );
            if done == total {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{}: {percent}% ({done}/{total} baris)", self.label);
        }
    }
}
