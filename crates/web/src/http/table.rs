//! The route table: the router is built through [`Table`], which records every method and path it registers, so
//! that the list the tests walk ([`crate::routes`]) is the router's own and cannot drift from it.

use crate::AppState;
use axum::handler::Handler;
use axum::routing::{self, MethodRouter};
use axum::Router;

/// A route's handlers by method, with the names of the methods it answers.
pub(crate) struct Methods {
    router: MethodRouter<AppState>,
    names: Vec<&'static str>,
}

pub(crate) fn get<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: routing::get(handler),
        names: vec!["GET"],
    }
}

pub(crate) fn post<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: routing::post(handler),
        names: vec!["POST"],
    }
}

pub(crate) fn put<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: routing::put(handler),
        names: vec!["PUT"],
    }
}

impl Methods {
    pub(crate) fn post<H: Handler<T, AppState>, T: 'static>(mut self, handler: H) -> Methods {
        self.router = self.router.post(handler);
        self.names.push("POST");
        self
    }
}

/// The router being built and what it registered, in order.
#[derive(Default)]
pub(crate) struct Table {
    router: Router<AppState>,
    routes: Vec<(&'static str, &'static str)>,
}

impl Table {
    pub(crate) fn route(mut self, path: &'static str, methods: Methods) -> Table {
        self.routes
            .extend(methods.names.iter().map(|&method| (method, path)));
        self.router = self.router.route(path, methods.router);
        self
    }

    /// The router and the (method, path) pairs it registered.
    pub(crate) fn finish(self) -> (Router<AppState>, Vec<(&'static str, &'static str)>) {
        (self.router, self.routes)
    }
}
