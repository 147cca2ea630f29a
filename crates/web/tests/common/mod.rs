//! What the in-process web tests share: a fresh SQLite database with the reference data (Kecamatan Ngoro 2024)
//! and one user per role; in `http`, requests sent as a browser sends them.

pub mod http;

use axum::Router;
use kinerja_domain::date::Date;
use kinerja_domain::model::{Dataset, Recommendation};
use kinerja_storage::{
    Accounts, Clock, Editing, Keyed, NewUser, OpenOptions, Repository, Role, ServiceSpec, Store,
    SystemClock,
};
use kinerja_web::{app, Settings};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;

pub const PASSWORD: &str = "kata-sandi-uji-panjang";

/// (username, role, units)
pub const USERS: &[(&str, Role, &[&str])] = &[
    ("admin", Role::AdminPemda, &[]),
    ("op-ngoro", Role::Operator, &["ngoro"]),
    ("op-pmd", Role::Operator, &["ngoro-pmd"]),
    ("camat", Role::Pimpinan, &["ngoro"]),
    ("inspektorat", Role::Evaluator, &[]),
    ("pembaca", Role::ReadOnly, &["ngoro-pmd"]),
];

pub struct Site {
    pub app: Router,
    pub store: Store,
    dir: PathBuf,
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A clock a test sets by hand: the site's "today" moves with it (sessions are timed by it too).
pub struct HandClock(AtomicI64);

impl HandClock {
    /// At noon WIB of a date (`2025-02-01`).
    pub fn at(date: &str) -> Arc<HandClock> {
        let clock = Arc::new(HandClock(AtomicI64::new(0)));
        clock.set(date);
        clock
    }
    pub fn set(&self, date: &str) {
        let day: Date = date.parse().unwrap();
        self.0
            .store(day.days_since_epoch() * 86_400 + 5 * 3600, Ordering::SeqCst);
    }
}

impl Clock for HandClock {
    fn seconds(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

pub async fn site_with(settings: Settings) -> Site {
    site_on(settings, Arc::new(SystemClock)).await
}

/// A site whose store keeps time by `clock`.
pub async fn site_on(settings: Settings, clock: Arc<dyn Clock>) -> Site {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ngoro");
    let data = kinerja_interchange::load(&reference).unwrap();
    site_of(settings, clock, &data, USERS).await
}

/// A site serving `data` to `users` (username, role, units), all with [`PASSWORD`].
pub async fn site_of(
    settings: Settings,
    clock: Arc<dyn Clock>,
    data: &Dataset,
    users: &[(&str, Role, &[&str])],
) -> Site {
    let dir = std::env::temp_dir().join(format!(
        "kinerja_web_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("uji.db").display());
    let store = Store::open(
        &url,
        OpenOptions {
            create: true,
            clock,
            ..OpenOptions::default()
        },
    )
    .await
    .unwrap();
    store.import(data, "uji", &|_, _| {}).await.unwrap();
    for (username, role, units) in users {
        let user = NewUser {
            username: username.to_string(),
            display_name: format!("Pengguna {username}"),
            role: *role,
            units: units.iter().map(|u| u.to_string()).collect(),
        };
        store.create_user(&user, PASSWORD, "uji").await.unwrap();
    }
    Site {
        app: app(store.clone(), settings),
        store,
        dir,
    }
}

pub async fn site() -> Site {
    site_with(Settings::default()).await
}

/// The stored version of a unit's recommendation, as its forms carry it.
pub async fn recommendation_version(s: &Site, unit: &str, id: &str) -> String {
    let all: Vec<Keyed<Recommendation>> =
        s.store.records::<Recommendation>(unit, None).await.unwrap();
    all.iter()
        .find(|k| k.record.value.id == id)
        .map(|k| k.record.version.to_string())
        .unwrap_or_else(|| panic!("no recommendation {id}"))
}

/// An active survey service without a population or visit codes.
pub fn service_spec(name: &str) -> ServiceSpec {
    ServiceSpec {
        name: name.into(),
        population: None,
        requires_code: false,
        active: true,
    }
}
